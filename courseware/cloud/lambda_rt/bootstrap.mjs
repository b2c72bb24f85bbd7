// Worker side of courseware's Lambda runtime for Node.js handlers.
// Run as: node bootstrap.mjs IN_FD OUT_FD. Imports the handler once (INIT), then serves
// invocations over length-prefixed JSON frames on two inherited pipe fds. console.* output
// is streamed to the parent as log messages, formatted like the Lambda Node.js runtime.
import dgram from "node:dgram";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import util from "node:util";
import { pathToFileURL } from "node:url";

const inFd = Number(process.argv[2]);
const outFd = Number(process.argv[3]);
let requestId = "";
const LINE_MAX = 256 * 1024; // CloudWatch's event limit: the rest of a longer line is dropped here
const FRAME_LINES = 1024 * 1024; // log text per frame, so no frame nears the parent's size cap

function send(message) {
  const body = Buffer.from(JSON.stringify(message), "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  const frame = Buffer.concat([head, body]);
  let offset = 0;
  while (offset < frame.length) {
    try {
      offset += fs.writeSync(outFd, frame, offset);
    } catch (err) {
      if (err.code !== "EAGAIN") throw err;
    }
  }
}

function log(level, args) {
  const text = util.format(...args).slice(0, LINE_MAX);
  const line = `${new Date().toISOString()}\t${requestId || "undefined"}\t${level}\t${text}`;
  send({ t: "log", d: line, one: true }); // one CloudWatch event per call, as AWS
}

function sendLines(chunk) {
  let batch = [];
  let size = 0;
  for (const raw of String(chunk).replace(/\n$/, "").split("\n")) {
    const line = raw.slice(0, LINE_MAX);
    if (batch.length && size + line.length > FRAME_LINES) {
      send({ t: "log", d: batch.join("\n") });
      batch = [];
      size = 0;
    }
    batch.push(line);
    size += line.length + 1;
  }
  if (batch.length) send({ t: "log", d: batch.join("\n") });
  return true;
}
console.log = (...a) => log("INFO", a);
console.info = (...a) => log("INFO", a);
console.warn = (...a) => log("WARN", a);
console.error = (...a) => log("ERROR", a);
console.debug = (...a) => log("DEBUG", a);
console.trace = (...a) => log("TRACE", a);
process.stdout.write = sendLines;
process.stderr.write = sendLines;

let xrayRelaying = false;
let xrayReceived = 0;
const xrayWrites = new Set();

// Pass on the X-Ray datagrams still queued before a result: the worker is frozen right after.
async function drainNetRelay() {
  if (!xrayRelaying) return;
  let seen;
  let turns = 0;
  do { // an event-loop turn reads the socket; a send the SDK has not awaited needs one more
    seen = xrayReceived;
    await new Promise((resolve) => setImmediate(resolve));
    turns += 1;
  } while (seen !== xrayReceived || turns < 2);
  await Promise.all([...xrayWrites]);
}

// In a box without network (see courseware/cloud/lambda_rt/relay.py): serve the emulator's port
// and the X-Ray address on loopback, relaying to the cloud's Unix sockets. No-op outside the box.
async function startNetRelay() {
  const folder = process.env.COURSEWARE_NET_RELAY;
  if (!folder) return;
  delete process.env.COURSEWARE_NET_RELAY;
  let port = 0;
  try {
    port = Number(new URL(process.env.AWS_ENDPOINT_URL || "").port);
  } catch {
    port = 0;
  }
  if (port) {
    const server = net.createServer((conn) => {
      const link = net.connect(path.join(folder, "cloud.sock"));
      const end = () => { conn.destroy(); link.destroy(); };
      conn.on("error", end);
      link.on("error", end);
      conn.pipe(link);
      link.pipe(conn);
    });
    server.unref();
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
  }
  const xray = process.env.AWS_XRAY_DAEMON_ADDRESS || "";
  const colon = xray.lastIndexOf(":");
  if (colon > 0) {
    let link = null;
    const udp = dgram.createSocket("udp4");
    udp.on("message", (datagram) => {
      xrayReceived += 1;
      if (link === null) {
        link = net.connect(path.join(folder, "xray.sock"));
        link.on("error", () => { link = null; });
        link.unref();
      }
      const head = Buffer.alloc(4);
      head.writeUInt32BE(datagram.length, 0);
      const written = new Promise((resolve) => link.write(Buffer.concat([head, datagram]), resolve));
      xrayWrites.add(written);
      written.then(() => xrayWrites.delete(written));
    });
    xrayRelaying = true;
    udp.unref();
    await new Promise((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(Number(xray.slice(colon + 1)), xray.slice(0, colon), resolve);
    });
  }
}

function errorPayload(err, type) {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    errorType: type || e.name || "Error",
    errorMessage: e.message,
    trace: String(e.stack || "").split("\n"),
  };
}

async function loadHandler(spec) {
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const dot = spec.lastIndexOf(".");
  if (dot <= 0) {
    return { error: { errorType: "Runtime.MalformedHandlerName", errorMessage: "Bad handler" } };
  }
  const modulePath = spec.slice(0, dot);
  const name = spec.slice(dot + 1);
  const base = path.resolve(taskRoot, modulePath);
  const candidates = [".js", ".mjs", ".cjs"].map((ext) => base + ext);
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) {
    const msg = `Error: Cannot find module '${modulePath}'\nRequire stack:\n- /var/runtime/index.mjs`;
    console.error(`Runtime.ImportModuleError: ${msg}`);
    return { error: { errorType: "Runtime.ImportModuleError", errorMessage: msg, trace: [] } };
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    const payload = errorPayload(err, "Runtime.ImportModuleError");
    payload.errorMessage = `${err && err.name ? err.name : "Error"}: ${payload.errorMessage}`;
    console.error(`Runtime.ImportModuleError: ${payload.errorMessage}`);
    return { error: payload };
  }
  let fn = mod[name];
  if (fn === undefined && mod.default && typeof mod.default === "object") fn = mod.default[name];
  if (typeof fn !== "function") {
    return {
      error: {
        errorType: "Runtime.HandlerNotFound",
        errorMessage: `${path.basename(modulePath)}.${name} is undefined or not exported`,
        trace: [],
      },
    };
  }
  return { fn };
}

function context(data) {
  return {
    awsRequestId: data.request_id,
    functionName: data.function_name,
    functionVersion: data.function_version,
    invokedFunctionArn: data.invoked_function_arn,
    memoryLimitInMB: String(data.memory_limit_in_mb),
    logGroupName: data.log_group_name,
    logStreamName: data.log_stream_name,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, Math.floor(data.deadline * 1000 - Date.now())),
  };
}

function runHandler(fn, event, ctx) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err, value) => {
      if (settled) return;
      settled = true;
      if (err !== null && err !== undefined) reject(err);
      else resolve(value);
    };
    try {
      const out = fn.length >= 3 ? fn(event, ctx, done) : fn(event, ctx);
      if (out && typeof out.then === "function") out.then((v) => done(null, v), (e) => done(e));
      else if (fn.length < 3) done(null, out);
    } catch (err) {
      done(err);
    }
  });
}

for (const note of JSON.parse(process.env.COURSEWARE_RUNTIME_NOTES || "[]")) send({ t: "log", d: note });
delete process.env.COURSEWARE_RUNTIME_NOTES;
await startNetRelay();
const loaded = await loadHandler(process.env._HANDLER || "");
send({ t: "ready", error: loaded.error || null });

let pending = Buffer.alloc(0);
let queue = Promise.resolve();
const input = fs.createReadStream(null, { fd: inFd });
input.on("data", (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4) {
    const size = pending.readUInt32BE(0);
    if (pending.length < 4 + size) break;
    const request = JSON.parse(pending.subarray(4, 4 + size).toString("utf8"));
    pending = pending.subarray(4 + size);
    queue = queue.then(() => handle(request));
  }
});
input.on("end", () => process.exit(0));

async function handle(request) {
  requestId = request.context.request_id;
  process.env._X_AMZN_TRACE_ID = request.trace_id || "";
  if (loaded.error) {
    send({ t: "error", error: loaded.error });
    return;
  }
  try {
    const result = await runHandler(loaded.fn, JSON.parse(request.event), context(request.context));
    const payload = result === undefined ? "null" : JSON.stringify(result);
    await drainNetRelay();
    send({ t: "result", payload: payload === undefined ? "null" : payload });
  } catch (err) {
    const payload = errorPayload(err);
    console.error(`Invoke Error \t${JSON.stringify(payload)}`);
    await drainNetRelay();
    send({ t: "error", error: payload });
  }
}
