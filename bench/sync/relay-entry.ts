/**
 * The floor: a bare `ws` relay. Each frame goes to the other sockets on the same URL path (the
 * document) and nothing else happens: no parsing, no document, no storage. ws defaults (maxPayload
 * 100 MiB) — it is a floor for cost, not a reference for limits.
 */
import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const http = createServer((_req, res) => res.end('relay'));
const wss = new WebSocketServer({ server: http });
wss.on('connection', (ws, req) => {
  const key = (req.url ?? '/').split('?')[0] ?? '/';
  const peers = rooms.get(key) ?? new Set<WebSocket>();
  rooms.set(key, peers);
  peers.add(ws);
  ws.on('message', (data: Buffer) => {
    for (const other of peers) if (other !== ws && other.readyState === other.OPEN) other.send(data);
  });
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    peers.delete(ws);
    if (peers.size === 0) rooms.delete(key);
  });
});
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
