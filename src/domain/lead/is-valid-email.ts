// Email syntax check: a practical subset of RFC 5322 (dot-atom local part, DNS host names).
// It deliberately knows nothing about deliverability, quoted local parts, IP literals or non-ASCII.

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;
/** A TLD is letters only, or an IDN A-label such as `xn--p1ai`. */
const TOP_LEVEL_DOMAIN = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

export function isValidEmail(address: string): boolean {
  // RFC 5321 limits: 254 for the path, 64 for the local part, 63 per DNS label.
  if (address.length > 254) return false;
  const parts = address.split('@');
  if (parts.length !== 2) return false;
  const [local = '', domain = ''] = parts;
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !TOP_LEVEL_DOMAIN.test(tld)) return false;
  return labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label));
}
