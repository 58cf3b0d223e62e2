import { AppError } from "../errors";
import { findIllFormed, ILL_FORMED_MESSAGE } from "../wire/well-formed";

/** Read a request body as bytes, refusing more than `maxBytes` (413) without buffering it all. */
export async function readRawBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError("payload_too_large", `Body exceeds ${maxBytes} bytes`);
  }
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("payload_too_large", `Body exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Parse a JSON body; malformed JSON is a 422 naming the body. */
export async function readJsonBody(req: Request, maxBytes = 256 * 1024): Promise<{ json: unknown; raw: Buffer }> {
  const raw = await readRawBody(req, maxBytes);
  const type = req.headers.get("content-type") ?? "";
  if (raw.length > 0 && type && !/json/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  if (raw.length === 0) throw new AppError("validation_failed", "Request body is empty", { fields: { body: "Required" } });
  let json: unknown;
  try {
    // fatal: bytes that are not UTF-8 are refused, not replaced with U+FFFD behind the client's back.
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new AppError("validation_failed", "Request body is not valid JSON (UTF-8)", { fields: { body: "Invalid JSON" } });
  }
  const bad = findIllFormed(json);
  if (bad) throw new AppError("validation_failed", `${bad}: ${ILL_FORMED_MESSAGE}`, { fields: { [bad]: ILL_FORMED_MESSAGE } });
  return { json, raw };
}

/** Like readJsonBody, for bodies that may be left out: an empty body reads as {}. */
export async function readOptionalJsonBody(req: Request): Promise<unknown> {
  const declared = req.headers.get("content-length");
  if (declared === "0" || !req.body) return {};
  const raw = await readRawBody(req, 64 * 1024);
  if (raw.length === 0) return {};
  return (await readJsonBody(new Request("http://body.local/", { method: "POST", body: new Uint8Array(raw), headers: req.headers }))).json;
}
