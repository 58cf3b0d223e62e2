/**
 * Where a shipment can be tracked, for the order pages and the shipped email alike. A link the
 * supplier sent (CJ's trackingUrl) wins when it is http(s); otherwise the big carriers' public
 * tracking pages; otherwise 17TRACK, which recognises most other carriers' numbers (the CJ lines
 * use dozens of regional carriers we cannot list). Client-safe.
 */
const CARRIERS: [RegExp, (n: string) => string][] = [
  [/\bups\b/i, (n) => `https://www.ups.com/track?tracknum=${n}`],
  [/fedex/i, (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`],
  [/\busps\b/i, (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`],
  [/\bdhl\b/i, (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${n}`],
];

export function trackingUrl(carrier: string | null | undefined, trackingNumber: string, given?: string | null): string {
  if (given && /^https?:\/\//i.test(given)) return given;
  const n = encodeURIComponent(trackingNumber.trim());
  const known = carrier ? CARRIERS.find(([re]) => re.test(carrier)) : undefined;
  return known ? known[1](n) : `https://t.17track.net/en#nums=${n}`;
}
