'use strict';
// Interop peer for the C# WeCom crypto tests: runs the real npm @wecom/crypto.
// Reads a JSON array of operations on stdin, writes a JSON array of results on stdout (one process per test).
//   {op: "encrypt", key, message, id, random?: base64 of 16 bytes} -> {encrypt}
//   {op: "decrypt", key, encrypt}                                 -> {message, id, random: base64}
//   {op: "sign", token, timestamp, nonce, encrypt}                 -> {signature}
// Errors are returned per operation as {error}.
const path = require('path');

const repoRoot = process.env.CHATBOT_REPO_ROOT || path.resolve(__dirname, '..', '..', '..');
const wecom = require(require.resolve('@wecom/crypto', { paths: [repoRoot] }));

function run(op) {
  switch (op.op) {
    case 'encrypt': {
      const random = op.random ? Buffer.from(op.random, 'base64') : undefined;
      return { encrypt: wecom.encrypt(op.key, op.message, op.id, random) };
    }
    case 'decrypt': {
      const { message, id, random } = wecom.decrypt(op.key, op.encrypt);
      return { message, id, random: random.toString('base64') };
    }
    case 'sign':
      return { signature: wecom.getSignature(op.token, op.timestamp, op.nonce, op.encrypt) };
    default:
      throw new Error(`unknown op ${op.op}`);
  }
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const ops = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const results = ops.map((op) => {
    try {
      return run(op);
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
