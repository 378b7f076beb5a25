// Drives jrpcx's example language server with a client jrpcx did not write: vscode-jsonrpc, the
// JSON-RPC library of VS Code's language client. Spawns the server (the command in argv) as a child
// process, speaks LSP over its stdin/stdout, and prints what it saw as one JSON object.
'use strict';
const cp = require('child_process');
const rpc = require('vscode-jsonrpc/node');

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const child = cp.spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const out = { logMessages: [], progress: [] };
  connection.onNotification('window/logMessage', (params) => out.logMessages.push(params.message));
  let onProgress = () => {};
  connection.onNotification('$/progress', (params) => { out.progress.push(params); onProgress(params); });
  connection.onError((e) => { out.connectionError = String(e); });
  connection.listen();

  const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  out.capabilities = init.capabilities;
  out.serverInfo = init.serverInfo;
  await connection.sendNotification('initialized', {});

  const uri = 'file:///tmp/hello.txt';
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'plaintext', version: 1, text: 'hello world\nsecond line here\n' },
  });
  out.hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 9 } });
  try {
    await connection.sendRequest('no/such/method', {});
  } catch (e) {
    out.unknownMethod = e.code;
  }

  // a slow request, cancelled once its first progress report arrives: the server answers -32800
  const source = new rpc.CancellationTokenSource();
  const firstProgress = new Promise((resolve) => { onProgress = resolve; });
  const slow = connection.sendRequest('example/count', { steps: 100000, token: 'c1' }, source.token);
  await firstProgress;
  onProgress = () => {};
  source.cancel();
  try {
    out.slowResult = await slow;
  } catch (e) {
    out.cancelled = { code: e.code, message: e.message };
  }
  // a short one runs to its end through the same session
  out.count = await connection.sendRequest('example/count', { steps: 3, token: 'c2' });

  out.shutdown = await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  out.exit = await exited;
  connection.dispose();
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write('lsp-client failed: ' + (e && e.stack || e) + '\n');
  process.exit(1);
});
