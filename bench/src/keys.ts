export const BENCH_KEYS = {
  corpId: 'ww0123456789abcdef', secret: 'bench-secret', agentId: 1000002,
  token: 'benchtoken123', encodingAESKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
}
