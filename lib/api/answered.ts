import { log, withLogContext } from "../logger";
import { errorResponse } from "./error-response";
import { observeHttp } from "./http-metrics";
import { requestIdFor, withRequestIdHeader } from "./request-id";

/**
 * Every answer of ours: the request's id (the caller's X-Request-Id when well-formed, else a new
 * one) is the log context of everything the request does, so its log lines and the jobs it
 * enqueues carry it, and goes back in X-Request-Id; the request is counted and timed by route
 * template and status (lib/api/http-metrics.ts, this instance's figures).
 */
export function answered(req: Request, route: string | (() => Promise<string>), call: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const requestId = requestIdFor(req.headers);
  return withLogContext({ requestId }, async () => {
    let res: Response;
    try {
      res = await call();
    } catch (err) {
      res = errorResponse(err);
    }
    try {
      observeHttp(req.method, typeof route === "string" ? route : await route(), res.status, (performance.now() - started) / 1000);
    } catch (err) {
      log.warn("could not record the request's metrics", { err });
    }
    return withRequestIdHeader(res, requestId);
  });
}

/** A route that is not behind withApi (webhook intake, health, the event stream): its id, its metrics, its errors in our shape. */
export function withRequest<A extends unknown[]>(route: string, handler: (req: Request, ...rest: A) => Promise<Response> | Response) {
  return (req: Request, ...rest: A): Promise<Response> => answered(req, route, async () => handler(req, ...rest));
}
