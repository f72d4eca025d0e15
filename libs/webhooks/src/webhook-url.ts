/**
 * Why a webhook URL is refused, or null when it is acceptable: absolute http(s) only, no
 * credentials (they would be stored and logged with the URL; receivers check the signature
 * instead), no fragment.
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL, e.g. https://ats.example.com/hooks/assay';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (url.username || url.password) return 'must not contain a user name or password; receivers verify the Assay-Signature header instead';
  if (url.hash) return 'must not contain a fragment (#...)';
  return null;
}
