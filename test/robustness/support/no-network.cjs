// Preloaded into the foilint CLI by the robustness tests (node --require): any attempt to reach
// the network throws, and is also recorded in $FOILINT_NET_LOG (in case the error were swallowed).
'use strict';
const fs = require('node:fs');

function blocked(what) {
  return function () {
    if (process.env.FOILINT_NET_LOG) fs.appendFileSync(process.env.FOILINT_NET_LOG, `${what}\n`);
    throw new Error(`foilint robustness test: network access attempted (${what})`);
  };
}

const net = require('node:net');
net.connect = net.createConnection = blocked('net.connect');
net.Socket.prototype.connect = blocked('net.Socket.connect');
const tls = require('node:tls');
tls.connect = blocked('tls.connect');
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = blocked(`${mod}.request`);
  m.get = blocked(`${mod}.get`);
}
const dns = require('node:dns');
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) dns[k] = blocked(`dns.${k}`);
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) if (dns.promises[k]) dns.promises[k] = blocked(`dns.promises.${k}`);
const dgram = require('node:dgram');
dgram.createSocket = blocked('dgram.createSocket');
globalThis.fetch = blocked('fetch');
if (globalThis.WebSocket) globalThis.WebSocket = blocked('WebSocket');
