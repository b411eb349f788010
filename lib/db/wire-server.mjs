// Plain JavaScript: the embedded database's owner runs this in a worker thread (embedded-host.mjs), which loads
// it without the TypeScript toolchain in every process that may own the database, the built app included.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:net";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const SSL_OR_CANCEL_LENGTH = 8;

/**
 * Serves one PGlite database to many PostgreSQL clients on loopback.
 *
 * PGlite is a single session, so clients must take turns at boundaries where the session holds nothing of
 * theirs: a connection keeps the session from its first message until a Sync or simple Query completes with
 * no transaction open. @electric-sql/pglite-socket switches clients between any two messages, which lets one
 * client's Parse replace another's unnamed statement before its Bind; this server never does.
 * Clients must send each extended-protocol query with its Sync in one go (node-postgres does).
 *
 * With a `password`, a client must prove it knows it (PostgreSQL's md5 exchange, with a fresh salt per
 * connection) before its startup message reaches PGlite: any local process can reach a loopback port.
 *
 * @typedef {{ socket: import("node:net").Socket, buffer: Buffer, started: boolean, pending: Uint8Array[],
 *   auth?: { user: string, salt: Buffer, startup: Uint8Array } }} Connection
 * @param {import("@electric-sql/pglite").PGlite} db
 * @param {{ port: number, host?: string, password?: string }} options
 * @returns {Promise<import("./wire-server.mjs").WireServer>}
 */
export async function serveWire(db, { port, host = "127.0.0.1", password }) {
  /** @type {{ conn: Connection, messages: Uint8Array[] }[]} */
  const queue = [];
  /** @type {Connection | null} */
  let holder = null;
  let running = false;
  const sockets = new Set();

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const index = holder ? queue.findIndex((u) => u.conn === holder) : 0;
        if (index < 0 || queue.length === 0) break;
        const [unit] = queue.splice(index, 1);
        holder = unit.conn;
        // PGlite hands back a response in many small pieces; one socket write per unit saves a syscall each.
        const replies = [];
        try {
          for (const message of unit.messages) {
            await db.execProtocolRawStream(message, { onRawData: (data) => void replies.push(data.slice()) });
          }
          if (!unit.conn.socket.destroyed && replies.length > 0) unit.conn.socket.write(Buffer.concat(replies));
        } catch {
          // PostgreSQL errors travel inside the protocol; a throw here means the session itself failed for
          // this client. Drop the client rather than leave it waiting for an answer that will not come.
          unit.conn.socket.destroy();
        }
        if (!db.isInTransaction() || unit.conn.socket.destroyed) {
          if (db.isInTransaction()) await db.exec("rollback").catch(() => {});
          holder = null;
        }
      }
    } finally {
      running = false;
    }
  };

  const enqueue = (conn, messages) => {
    queue.push({ conn, messages });
    void pump();
  };

  const onData = (conn, chunk) => {
    conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, chunk]) : chunk;
    for (;;) {
      const buf = conn.buffer;
      if (!conn.started) {
        if (buf.length < 8) return;
        const length = buf.readInt32BE(0);
        const code = buf.readInt32BE(4);
        if (length === SSL_OR_CANCEL_LENGTH && code === SSL_REQUEST) {
          conn.socket.write("N");
          conn.buffer = buf.subarray(8);
          continue;
        }
        if (code === CANCEL_REQUEST) {
          conn.socket.destroy();
          return;
        }
        if (buf.length < length) return;
        conn.started = true;
        conn.buffer = buf.subarray(length);
        const startup = new Uint8Array(buf.subarray(0, length));
        if (password === undefined) {
          enqueue(conn, [startup]);
        } else {
          conn.auth = { user: startupUser(buf.subarray(8, length)), salt: randomBytes(4), startup };
          conn.socket.write(md5Request(conn.auth.salt));
        }
        continue;
      }
      if (buf.length < 5) return;
      const length = 1 + buf.readInt32BE(1);
      if (buf.length < length) return;
      const type = String.fromCharCode(buf[0]);
      const message = new Uint8Array(buf.subarray(0, length));
      conn.buffer = buf.subarray(length);
      if (type === "X") {
        conn.socket.end();
        return;
      }
      if (conn.auth) {
        const { user, salt, startup } = conn.auth;
        conn.auth = undefined;
        if (type !== "p" || !md5Matches(message.subarray(5), password, user, salt)) {
          conn.socket.end(authFailure(user));
          return;
        }
        enqueue(conn, [startup]);
        continue;
      }
      conn.pending.push(message);
      if (type === "S" || type === "Q") {
        enqueue(conn, conn.pending);
        conn.pending = [];
      }
    }
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const conn = { socket, buffer: Buffer.alloc(0), started: false, pending: [] };
    socket.on("data", (chunk) => onData(conn, chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      sockets.delete(socket);
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i].conn === conn) queue.splice(i, 1);
      // A client that died inside a transaction must not keep the session: roll back and let others in.
      if (holder === conn && !running) {
        void (async () => {
          if (db.isInTransaction()) await db.exec("rollback");
          holder = null;
          await pump();
        })();
      }
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The `user` parameter of a startup message's body (after its length and protocol version). */
function startupUser(params) {
  const parts = params.toString("utf8").split("\0");
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i] === "user") return parts[i + 1];
  return "";
}

function md5Request(salt) {
  const reply = Buffer.alloc(13);
  reply.write("R", 0);
  reply.writeInt32BE(12, 1);
  reply.writeInt32BE(5, 5);
  salt.copy(reply, 9);
  return reply;
}

const md5 = (data) => createHash("md5").update(data).digest("hex");

function md5Matches(body, password, user, salt) {
  const expected = Buffer.from(`md5${md5(Buffer.concat([Buffer.from(md5(password + user)), salt]))}`);
  const given = Buffer.from(body.subarray(0, body.indexOf(0) < 0 ? body.length : body.indexOf(0)));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function authFailure(user) {
  const fields = [`SFATAL`, `VFATAL`, `C28P01`, `Mpassword authentication failed for user "${user}"`];
  const body = Buffer.concat([...fields.map((f) => Buffer.from(`${f}\0`, "utf8")), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write("E", 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
