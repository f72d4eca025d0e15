import type { SourceLine } from './normalise';
import { parseLabel } from './labels';

/**
 * Papers arrive copied out of document-sharing sites: disclaimers, VIP offers, download prompts,
 * page counters and "related documents" lists surround (and sometimes cut) the paper. They are
 * recognised on the normalised line so that Traditional pages are covered too.
 */

const FILE_NAME = /\.(docx?|pdf|pptx?|xlsx?|wps|txt|rtf)(\s*VIP)?$/i;

const WHOLE_LINE: RegExp[] = [
  /^第\s*(\d+|PAGE)\s*页\s*[/,]?\s*共\s*(\d+|NUMPAGES)\s*页$/i,
  /^(共\s*\d+\s*页\s*)?第\s*\d+\s*页$/,
  /^page\s*\d+\s*(of|\/)\s*\d+$/i,
  /^[-—]\s*\d{1,3}\s*[-—]$/,
  /^\d+\s*\/\s*\d+\s*页$/,
  /^[•·●▪]\s*\d*$/,
  /^[•·●▪]?\s*约\s*[\d.]+\s*(千字|万字|字|页)$/,
  /^[•·●▪]?\s*\d{4}-\d{1,2}-\d{1,2}\s*(\d{1,2}:\d{2}\s*)?(发布|上传)/,
  /^(文档评论|评论)\s*\(\d+\)/,
  /\+\s*关注$/,
  /^(查看更多|展开全文|展开阅读全文|阅读全文|继续阅读|收起|举报|分享|收藏|点赞|关注|实名认证|文档贡献者|上传文档|下载文档|立即下载|免费下载|开通VIP|成为VIP|登录|注册|登录\/注册|首页|上一页|下一页|尾页|返回顶部|打印|原创力文档)$/i,
  /^该用户很懒/,
  // English document sites.
  /^(home|documents|download|download now|upload|share|print|report|save|like|follow|log in|sign in|sign up|next page|previous page)$/i,
  /^\d[\d,.]*\s*(views|downloads|pages|likes)$/i,
  /^uploaded by\b/i,
  /^本文档由.{0,20}(创建|上传|提供)/,
];

const MARKERS: RegExp[] = [
  /scribd|course\s?hero|studocu|docsity|slideshare|pdfcoffee/i,
  /\b(?:sign|log) (?:in|up) to (?:download|read|view|continue)|download (?:this document|the document|as pdf|the full)|upgrade to premium|unlock (?:this|the full) document|all rights reserved|©\s*\d{4}/i,
  /原创力文档|book118|道客巴巴|豆丁网|百度文库|人人文库|金锄头文库|淘豆网|装配图网|冰点文库|max\.book/i,
  /VIP(文档|会员|精品|专享|免费|下载)|成为VIP|开通VIP|1亿VIP/i,
  /本站|侵权必究|版权申诉|举报电话|付费下载|下载权益|二次下载|网友上传|下载本文档|如果想要下载|文档格式转换|阅读免打扰/,
  /扫码(下载|关注|登录|分享)|分享到(微信|朋友圈|QQ|微博)|登录后(可|才能|查看|下载)|注册后(可|才能)|APP内(打开|阅读)/i,
  /剩余\s*\d+\s*页未读|还剩\s*\d+\s*页|全文预览已结束|已超出免费预览|试读已结束|免费预览\s*\d+\s*页/,
];

/** A "related documents" block ends the page; the paper text stops there. */
const TRAILER =
  /^(您可能关注的文档|相关文档|最近下载|文档评论|猜你喜欢|相关推荐|热门文档|推荐文档|精品文档|相关资源|相关阅读|延伸阅读|发表评论|网友评论|最新评论|全部评论|热门评论|我要评论|评论区|免责声明|全文预览已结束|剩余\s*\d+\s*页未读|还剩\s*\d+\s*页|related documents|recommended documents|you might also like|similar documents|popular documents|comments?\s*\(\d+\)|leave a comment|post a comment)/i;

/** Markers that say the site hid the rest of the document. */
const CUT_MARKER = /剩余\s*\d+\s*页未读|还剩\s*\d+\s*页|全文预览已结束|已超出免费预览|试读已结束/;

// Words of site navigation: page tabs ("首页 文档 视频 音频") and breadcrumbs ("首页 > 文库 > 招聘考试").
const NAV_WORDS = /^(首页|主页|文档|文库|视频|音频|课件|教育|专栏|问答|社区|精选|热门|分类|排行|排行榜|会员|下载|上传|我的|登录|注册|搜索|资讯|论文|题库|试卷|资料|范文|招聘考试|资格考试|职业资格|办公文档|图片|模板|更多|频道)$/;

// English page tabs ("Home Documents Upload Log in") are made of these words only.
const ENGLISH_NAV_WORDS = /^(home|documents?|upload|download|log|sign|in|up|login|search|categories|explore|books|library|more|menu)$/i;

/**
 * Three or more short items separated by spaces, bars or arrows, two of them site navigation words;
 * or English items that are all navigation words.
 */
function isNavigation(norm: string): boolean {
  const items = norm.split(/\s*[>»›|/]\s*|\s+/).filter((item) => item !== '');
  if (items.length < 3) return false;
  if (items.every((item) => ENGLISH_NAV_WORDS.test(item))) return true;
  return items.every((item) => item.length <= 6) && items.filter((item) => NAV_WORDS.test(item)).length >= 2;
}

/** The rule that makes a line site boilerplate, or null. */
function boilerplateRule(line: SourceLine): string | null {
  const text = line.norm.replace(/^[-*•·]\s*/, '');
  if (FILE_NAME.test(text)) return 'site.file_name';
  if (isNavigation(text)) return 'site.navigation';
  if (WHOLE_LINE.some((re) => re.test(text) || re.test(line.norm))) return 'site.page_line';
  if (MARKERS.some((re) => re.test(text))) return 'site.marker';
  return null;
}

export interface CleanText {
  /** Non-empty lines of the paper itself, in order. */
  lines: SourceLine[];
  /** Line of a site notice saying the rest of the document is hidden, if any. */
  cutMarkerLine: number | null;
  /** The page went on with site material after the last line of the paper (where sites cut documents). */
  endsInTrailer: boolean;
  /** The site lines taken out, with the rule that took each. */
  dropped: { line: SourceLine; rule: string }[];
}

/**
 * Drops boilerplate lines; after a trailer heading everything is dropped until a line that looks like
 * paper structure again (a heading or a numbered item), because trailers list other documents' titles.
 * Then drops repeated page headers and footers (see repeatedFurniture).
 */
export function stripBoilerplate(all: SourceLine[], looksStructural: (line: SourceLine) => boolean): CleanText {
  const kept: SourceLine[] = [];
  let inTrailer = false;
  let cutMarkerLine: number | null = null;
  let endsInTrailer = false;
  const dropped: CleanText['dropped'] = [];
  for (const line of all) {
    if (line.raw === '') continue;
    if (CUT_MARKER.test(line.norm) && cutMarkerLine === null) cutMarkerLine = line.no;
    if (TRAILER.test(line.norm)) {
      inTrailer = true;
      endsInTrailer = true;
      dropped.push({ line, rule: 'site.trailer' });
      continue;
    }
    const rule = boilerplateRule(line) ?? (inTrailer && !looksStructural(line) ? 'site.after_trailer' : null);
    if (rule) {
      dropped.push({ line, rule });
      continue;
    }
    inTrailer = false;
    endsInTrailer = false;
    kept.push(line);
  }
  const furniture = repeatedFurniture(kept, looksStructural);
  dropped.push(...kept.filter((line) => furniture.has(line.no)).map((line) => ({ line, rule: 'page.repeated_header_footer' })));
  dropped.sort((a, b) => a.line.no - b.line.no);
  return { lines: kept.filter((line) => !furniture.has(line.no)), cutMarkerLine, endsInTrailer, dropped };
}

// A page header or footer is a short caption: no sentence punctuation, no blank, no question mark.
const CAPTION = /^[^。.!！?？:;；_]{4,40}$/;

/**
 * Page headers and footers of a printed document come back once per page: the title repeated on every
 * page, or a caption ("XX公司内部资料") three times or more. The first line of the paper (the title)
 * stays and its repeats go; a caption repeated three times goes wherever it is; a line above the
 * paper's first structure repeated once loses its repeat. Paper structure (headings, numbered items,
 * options, labels) is never furniture.
 */
function repeatedFurniture(lines: SourceLine[], looksStructural: (line: SourceLine) => boolean): Set<number> {
  const key = (line: SourceLine) => line.norm.replace(/\s+/g, '');
  const seen = new Map<string, SourceLine[]>();
  for (const line of lines) seen.set(key(line), [...(seen.get(key(line)) ?? []), line]);
  const firstStructure = lines.find(looksStructural)?.no ?? Infinity;
  const furniture = new Set<number>();
  for (const [text, same] of seen) {
    if (same.length < 2 || !CAPTION.test(text) || looksStructural(same[0]) || parseLabel(same[0].norm)) continue;
    const keepFirst = same[0] === lines[0] || (same.length < 3 && same[0].no < firstStructure);
    if (!keepFirst && same.length < 3) continue;
    for (const line of keepFirst ? same.slice(1) : same) furniture.add(line.no);
  }
  return furniture;
}
