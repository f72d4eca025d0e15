/**
 * Matching works on a normalised copy of every line while the result keeps the author's own text.
 * Every mapping here is one UTF-16 unit to one, so an index found in the normalised copy is also an
 * index into the original line and fields can be sliced out of the original.
 */

// Traditional -> Simplified for the characters of exam vocabulary and site boilerplate. The reader
// only needs keywords to match; the text itself is never converted.
const TRADITIONAL =
  '單選題擇斷簡論參與點評標準試時間總滿確誤對錯紹問請說為麼談舉釋設應項個鐘長場擬條處溝詢寫讀' +
  '載會員關檔評論頁網權聲貢獻認證發佈報擊錄註冊掃閱覽詳內習練給區別後還與則達過進優劣範圍類實專業' +
  '責戶傳於僅並觀熱門溫視頻';
const SIMPLIFIED =
  '单选题择断简论参与点评标准试时间总满确误对错绍问请说为么谈举释设应项个钟长场拟条处沟询写读' +
  '载会员关档评论页网权声贡献认证发布报击录注册扫阅览详内习练给区别后还与则达过进优劣范围类实专业' +
  '责户传于仅并观热门温视频';

const CHAR_MAP = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) CHAR_MAP.set(TRADITIONAL[i], SIMPLIFIED[i]);

/** Full-width ASCII to half-width, ideographic space to space, Traditional keyword characters to Simplified. */
export function normaliseText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += CHAR_MAP.get(ch) ?? ch;
  }
  return out;
}

export interface SourceLine {
  /** 1-based line number in the input. */
  no: number;
  /** The author's text, trimmed. */
  raw: string;
  /** normaliseText(raw); same length as raw. */
  norm: string;
}

export function splitLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, i) => {
      const raw = line.trim();
      return { no: i + 1, raw, norm: normaliseText(raw) };
    });
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Chinese numerals up to 99 (一, 十, 十二, 二十三) or Arabic digits; null when not a number. */
export function parseNumeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  if (!m[2]) return m[3] ? null : CN_DIGITS[m[1]];
  return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
}

export const CN_NUMERAL = '[一二三四五六七八九十]{1,3}';
