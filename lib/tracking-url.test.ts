import { describe, expect, it } from "vitest";
import { trackingUrl } from "./tracking-url";

describe("trackingUrl", () => {
  it("links the big carriers' own tracking pages, whatever the carrier is called", () => {
    expect(trackingUrl("UPS", "1Z999AA10123456784")).toBe("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    expect(trackingUrl("ups ground", "1Z1")).toBe("https://www.ups.com/track?tracknum=1Z1");
    expect(trackingUrl("FedEx Express", "7712")).toBe("https://www.fedex.com/fedextrack/?trknbr=7712");
    expect(trackingUrl("USPS", "9400")).toBe("https://tools.usps.com/go/TrackConfirmAction?tLabels=9400");
    expect(trackingUrl("DHL eCommerce", "JD01")).toBe("https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=JD01");
  });

  it("sends every other carrier, and a missing one, to 17TRACK", () => {
    expect(trackingUrl("YunExpress", "YT2312")).toBe("https://t.17track.net/en#nums=YT2312");
    expect(trackingUrl(null, "LX123CN")).toBe("https://t.17track.net/en#nums=LX123CN");
    // "groups" is not UPS
    expect(trackingUrl("Groups Logistics", "G1")).toBe("https://t.17track.net/en#nums=G1");
  });

  it("prefers the supplier's own http(s) link, and never another scheme", () => {
    expect(trackingUrl("UPS", "1Z1", "https://track.cjpacket.com/?n=1Z1")).toBe("https://track.cjpacket.com/?n=1Z1");
    expect(trackingUrl("UPS", "1Z1", "javascript:alert(1)")).toBe("https://www.ups.com/track?tracknum=1Z1");
    expect(trackingUrl("UPS", "1Z1", "")).toBe("https://www.ups.com/track?tracknum=1Z1");
  });

  it("escapes the number", () => {
    expect(trackingUrl("Other", " A B/1 ")).toBe("https://t.17track.net/en#nums=A%20B%2F1");
  });
});
