/**
 * A minimal Language Server Protocol client over stdio for yaml-language-server (the server of
 * the YAML editor extensions), so tests can see what an editor shows for a manifest: diagnostics
 * and completion items. The server comes from node_modules (a devDependency);
 * `YAML_LANGUAGE_SERVER_DIR` may point at another copy to try one without installing it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The server's package folder, or undefined when it is not installed. */
export function yamlLanguageServerDir(): string | undefined {
  const fromEnv = process.env.YAML_LANGUAGE_SERVER_DIR;
  if (fromEnv && existsSync(path.join(fromEnv, "package.json"))) return fromEnv;
  try {
    return path.dirname(createRequire(import.meta.url).resolve("yaml-language-server/package.json"));
  } catch {
    return undefined;
  }
}

export interface LspDiagnostic {
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
  readonly message: string;
  readonly severity?: number;
}

export interface LspCompletionItem {
  readonly label: string;
  readonly kind?: number;
  readonly insertText?: string;
  readonly textEdit?: { readonly newText: string };
  readonly documentation?: unknown;
}

type Message = { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown };

export interface YamlLsp {
  open(uri: string, text: string): Promise<LspDiagnostic[]>;
  completion(uri: string, line: number, character: number): Promise<LspCompletionItem[]>;
  close(): Promise<void>;
}

/** Starts the server with `settings` (the `yaml` section, as in .vscode/settings.json) and initializes it. */
export async function startYamlLsp(serverDir: string, rootDir: string, settings: object): Promise<YamlLsp> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(serverDir, "bin/yaml-language-server"), "--stdio"],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map<number, (m: Message) => void>();
  const diagnosticsWaiters = new Map<string, (d: LspDiagnostic[]) => void>();
  const send = (m: Message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...m }), "utf8");
    child.stdin?.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin?.write(body);
  };
  const request = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result)));
      send({ id, method, params });
    });
  const onMessage = (m: Message) => {
    if (m.id !== undefined && m.method === undefined) {
      pending.get(m.id)?.(m);
      pending.delete(m.id);
      return;
    }
    if (m.method === "workspace/configuration" && m.id !== undefined) {
      const items = (m.params as { items: { section?: string }[] }).items;
      send({
        id: m.id,
        result: items.map((i) => (i.section === "yaml" ? settings : i.section ? null : { yaml: settings })),
      } as Message);
      return;
    }
    if (m.id !== undefined && m.method !== undefined) {
      send({ id: m.id, result: null } as Message); // client/registerCapability and the like
      return;
    }
    if (m.method === "textDocument/publishDiagnostics") {
      const { uri, diagnostics } = m.params as { uri: string; diagnostics: LspDiagnostic[] };
      diagnosticsWaiters.get(uri)?.(diagnostics);
      diagnosticsWaiters.delete(uri);
    }
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      buffer = buffer.subarray(headerEnd + 4 + length);
      onMessage(JSON.parse(body) as Message);
    }
  });
  const rootUri = `file://${rootDir}`;
  await request("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "root" }],
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        completion: {
          completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] },
        },
        hover: { contentFormat: ["markdown", "plaintext"] },
        publishDiagnostics: {},
      },
    },
  });
  send({ method: "initialized", params: {} });
  send({ method: "workspace/didChangeConfiguration", params: { settings: { yaml: settings } } });
  let version = 0;
  return {
    open(uri, text) {
      const diagnostics = new Promise<LspDiagnostic[]>((resolve) => diagnosticsWaiters.set(uri, resolve));
      send({
        method: "textDocument/didOpen",
        params: { textDocument: { uri, languageId: "yaml", version: ++version, text } },
      });
      return diagnostics;
    },
    async completion(uri, line, character) {
      const result = (await request("textDocument/completion", {
        textDocument: { uri },
        position: { line, character },
      })) as { items: LspCompletionItem[] } | LspCompletionItem[] | null;
      return Array.isArray(result) ? result : (result?.items ?? []);
    },
    async close() {
      await request("shutdown", null).catch(() => undefined);
      send({ method: "exit" });
      child.kill();
    },
  };
}
