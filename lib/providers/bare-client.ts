import http from "node:http";

/** The least fetch can do per request: the benchmark's reference for what the fetch path costs. */
export async function bareChat(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return res.json();
}

const agent = new http.Agent({ keepAlive: true });

/** The same over keep-alive node:http (plain http only): the ceiling for the default transport. */
export function bareHttpChat(url: string, body: unknown): Promise<unknown> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) };
    const req = http.request(url, { method: "POST", headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("error", reject);
      res.on("end", () => {
        try {
          resolve(JSON.parse(text));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}
