// The container's HEALTHCHECK: GET /health on this machine, over https when TLS is
// configured (the LAN certificate is not trusted inside the container, so it is not
// verified here: the check only asks whether this very process answers).
import http from 'node:http';
import https from 'node:https';

const tls = Boolean(process.env.TLS_CERT_FILE && process.env.TLS_KEY_FILE);
const port = Number(process.env.PORT || 8080);
const client = tls ? https : http;
const req = client.get(
  { host: '127.0.0.1', port, path: '/health', timeout: 4000, rejectUnauthorized: false },
  (res) => {
    res.resume();
    process.exit(res.statusCode === 200 ? 0 : 1);
  },
);
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
