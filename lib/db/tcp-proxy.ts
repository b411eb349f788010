import net from "node:net";
import type { AddressInfo } from "node:net";

export interface TcpProxy {
  /** The proxy's own address, as a postgres:// URL with the target's credentials and database. */
  url: string;
  /** Drops every connection and refuses new ones, as a database that went away would. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  /** Connections stay open but nothing passes any more, as when a network path dies silently. */
  freeze(): void;
  close(): Promise<void>;
}

/** For tests: a loopback TCP proxy in front of a database server, to take it away and bring it back at will. */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let down = false;
  let frozen = false;
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    if (frozen) {
      sockets.add(client.pause());
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on("close", () => pairs.delete(pair));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    cut() {
      // Not listening: new connections are refused, as by a host whose database is down.
      down = true;
      server.close();
      for (const s of sockets) s.destroy();
    },
    freeze() {
      frozen = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream).pause();
        upstream.unpipe(client).pause();
      }
    },
    restore() {
      if (!down) return;
      down = false;
      server.listen(port, "127.0.0.1");
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (down) resolve();
        else server.close(() => resolve());
      }),
  };
}
