// parley for Node test runners (node:test, Jest, Vitest, Mocha): starts `java -jar parley.jar
// serve` on a free port with a new temporary data dir and a random operator token, waits until it
// answers, and drives its operator API (/_parley/, docs/testing-with-parley.md) for the test.
// Not published: copy this one file into your project (Node 18+, no dependencies).
//
//   import { startParley } from "./parley-test-helper.mjs";
//   const parley = await startParley();            // { baseUrl, operatorToken, ... }
//   const ws = await parley.createWorkspace();     // { name, token, app_id, client_secret, ... }
//   const client = new IntercomClient({ token: ws.token, baseUrl: parley.baseUrl });
//   await parley.clock.advance(3600);
//   const calls = await parley.journal(ws.name);   // [{ method, path, operation_id, status, ... }]
//   await parley.snapshots.save(ws.name, "fixture"); // later: parley.snapshots.restore(ws.name, "fixture")
//   await parley.stop();                           // stops the server, deletes the data dir
//
// Options of startParley (all optional):
//   jar      the parley jar (default: $PARLEY_JAR, else target/parley.jar of this repository)
//   java     the java executable (default: $JAVA_HOME/bin/java, else java on the PATH)
//   args     more `serve` options, e.g. ["--webhook-poll-ms", "100"]
//   jvmArgs  JVM options before -jar (default ["-Xmx256m"])
//   timeoutMs  how long the start may take (default 60000)
//   output   a stream that gets the server's output as it comes (e.g. process.stderr)

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const LISTENING = /listening on port (\d+)/;
let workspaces = 0;

function secret() {
  return "parley_" + randomBytes(32).toString("base64url");
}

/** Starts parley and resolves once it answers; rejects with its output when it cannot start. */
export async function startParley(options = {}) {
  const jar =
    options.jar ?? process.env.PARLEY_JAR ?? fileURLToPath(new URL("../../../target/parley.jar", import.meta.url));
  const java = options.java ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java");
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dataDir = mkdtempSync(join(tmpdir(), "parley-node-"));
  const operatorToken = secret();
  const child = spawn(
    java,
    [...(options.jvmArgs ?? ["-Xmx256m"]), "-jar", jar, "serve", "--port", "0", "--data-dir", dataDir, ...(options.args ?? [])],
    {
      env: {
        ...process.env,
        PARLEY_OPERATOR_TOKEN: operatorToken,
        // A chosen token for the 'default' workspace, so that none is printed; tests make their own.
        PARLEY_BOOTSTRAP_TOKEN: secret(),
        // The "listening on port N" line is an INFO line.
        PARLEY_LOG_LEVEL: "INFO",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const collect = (chunk) => {
    output += chunk;
    options.output?.write(chunk);
  };
  child.stdout.setEncoding("utf8").on("data", collect);
  child.stderr.setEncoding("utf8").on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const cleanUp = () => {
    process.removeListener("exit", killOnExit);
    rmSync(dataDir, { recursive: true, force: true });
  };

  let port;
  try {
    port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`parley did not start within ${timeoutMs} ms`)), timeoutMs);
      const look = () => {
        const m = LISTENING.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout.on("data", look);
      child.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`parley exited (code ${code}, signal ${signal})`));
      });
    });
  } catch (e) {
    child.kill("SIGKILL");
    await exited;
    cleanUp();
    throw new Error(`${e.message}\n--- parley output ---\n${output}`);
  }

  const baseUrl = `http://127.0.0.1:${port}`;

  async function operator(method, path, body) {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${operatorToken}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return JSON.parse(text);
  }

  // Listening is not yet answering: wait for the first answer of the operator API.
  for (let attempt = 0; ; attempt++) {
    try {
      await operator("GET", "/_parley/clock");
      break;
    } catch (e) {
      if (attempt >= 100) {
        child.kill("SIGKILL");
        await exited;
        cleanUp();
        throw new Error(`parley listens on ${port} but does not answer: ${e.message}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  let stopped;
  return {
    baseUrl,
    operatorToken,
    dataDir,
    /** Everything the server printed so far. */
    log: () => output,
    /**
     * A new workspace and a token acting as its owner admin: POST /_parley/workspaces. Resolves to
     * parley's answer: { name, token, app_id, client_secret, admin_id, scopes, ... }.
     */
    createWorkspace: (name, scopes) =>
      operator("POST", "/_parley/workspaces", {
        name: name ?? `node-${process.pid}-${++workspaces}`,
        ...(scopes ? { scopes } : {}),
      }),
    /** The server's clock; each resolves to { now: <Unix seconds>, frozen: <bool> }. */
    clock: {
      now: () => operator("GET", "/_parley/clock"),
      freezeAt: (unixSeconds) => operator("POST", "/_parley/clock", { frozen_at: unixSeconds }),
      advance: (seconds) => operator("POST", "/_parley/clock", { advance_seconds: seconds }),
      real: () => operator("POST", "/_parley/clock", { real: true }),
    },
    /** Faults on demand: add({ operation_id, status, count, workspace, delay_ms, drop, fraction }). */
    faults: {
      add: (rule) => operator("POST", "/_parley/faults", rule),
      list: async () => (await operator("GET", "/_parley/faults")).data,
      clear: () => operator("DELETE", "/_parley/faults"),
    },
    /** The workspace's last requests, oldest first: [{ method, path, path_template, operation_id, status, ... }]. */
    journal: async (name, limit) =>
      (await operator("GET", `/_parley/workspaces/${encodeURIComponent(name)}/journal${limit ? `?limit=${limit}` : ""}`)).data,
    /** Empties the workspace's journal; resolves to { deleted: N }. */
    clearJournal: (name) => operator("DELETE", `/_parley/workspaces/${encodeURIComponent(name)}/journal`),
    /**
     * Workspace snapshots (docs/testing-with-parley.md, "Snapshots"): save(name, snapshot) resolves
     * to { name, objects, created_at, ... }; restore(name, snapshot) puts the workspace back to it
     * with the same ids and resolves to { objects_restored, ... }; list(name) to the snapshots;
     * delete(name, snapshot) to { deleted: true, ... }.
     */
    snapshots: {
      save: (name, snapshot) =>
        operator("POST", `/_parley/workspaces/${encodeURIComponent(name)}/snapshots`, { name: snapshot }),
      restore: (name, snapshot) =>
        operator(
          "POST",
          `/_parley/workspaces/${encodeURIComponent(name)}/snapshots/${encodeURIComponent(snapshot)}/restore`,
        ),
      list: async (name) => (await operator("GET", `/_parley/workspaces/${encodeURIComponent(name)}/snapshots`)).data,
      delete: (name, snapshot) =>
        operator("DELETE", `/_parley/workspaces/${encodeURIComponent(name)}/snapshots/${encodeURIComponent(snapshot)}`),
    },
    /** Stops the server (TERM, then KILL after 20 s) and deletes its data dir. */
    stop: () =>
      (stopped ??= (async () => {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        const end = await exited;
        clearTimeout(timer);
        cleanUp();
        return end;
      })()),
  };
}
