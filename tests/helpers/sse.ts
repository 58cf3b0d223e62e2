// A minimal Server-Sent Events client for tests (fetch + stream parsing).
export type SseEvent = { id?: string; event?: string; data: string };

export function openSse(url: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const controller = new AbortController();
  let status = 0;
  const ready = (async () => {
    const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
    status = res.status;
    if (!res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buf += value;
          let i;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const e: SseEvent = { data: "" };
            for (const line of block.split("\n")) {
              if (line.startsWith("id: ")) e.id = line.slice(4);
              else if (line.startsWith("event: ")) e.event = line.slice(7);
              else if (line.startsWith("data: ")) e.data += line.slice(6);
            }
            if (e.event) events.push(e);
          }
        }
      } catch {
        /* aborted */
      }
    })();
  })();
  return {
    ready,
    events,
    get status() {
      return status;
    },
    close: () => controller.abort(),
  };
}
