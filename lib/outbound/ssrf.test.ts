import { describe, expect, it } from "vitest";
import { isPrivateAddress, refuseUrl } from "./ssrf";

describe("refuseUrl (production rules)", () => {
  it("refuses loopback, private, link-local and metadata addresses, and plain http", async () => {
    for (const url of [
      "https://127.0.0.1/hook",
      "https://10.1.2.3/",
      "https://172.20.0.1/",
      "https://192.168.1.10/",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/",
      "https://[fd00::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://localhost/hook",
    ]) {
      expect(await refuseUrl(url, false), url).not.toBeNull();
    }
    expect(await refuseUrl("http://93.184.216.34/hook", false)).toBe("Use https");
    expect(await refuseUrl("https://user:pw@93.184.216.34/", false)).toBe("No credentials in the URL");
    expect(await refuseUrl("ftp://93.184.216.34/", false)).toBe("Use an http(s) URL");
  });

  it("lets a public address through, and local ones in the demo and tests", async () => {
    expect(await refuseUrl("https://93.184.216.34/hook", false)).toBeNull();
    expect(await refuseUrl("http://127.0.0.1:4000/hook", true)).toBeNull();
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
    expect(isPrivateAddress("100.64.0.1")).toBe(true);
  });
});
