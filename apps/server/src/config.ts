import { z } from 'zod'

/** Every setting Pond reads, from the environment. The README documents each one. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  POND_DATA_DIR: z.string().default('.pond'),
  POND_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  POND_ADMIN_USERNAME: z.string().min(1).default('admin'),
  POND_ADMIN_PASSWORD: z.string().min(8).optional(),
  POND_DEMO: z.enum(['0', '1']).optional(),
  POND_DEMO_CUSTOMERS: z.coerce.number().int().min(0).default(5000),
  POND_DEMO_SCAN_SECONDS: z.coerce.number().min(0).default(5),
  POND_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  POND_LINK_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WECOM_CORP_ID: z.string().optional(),
  WECOM_CORP_NAME: z.string().optional(),
  WECOM_SECRET: z.string().optional(),
  WECOM_AGENT_ID: z.coerce.number().int().optional(),
  WECOM_CALLBACK_TOKEN: z.string().max(32).optional(),
  WECOM_ENCODING_AES_KEY: z.string().length(43).optional(),
  WECOM_API_BASE_URL: z.string().url().default('https://qyapi.weixin.qq.com'),
})

export interface WeComSettings {
  corpId: string
  corpName: string
  secret: string
  agentId: number
  callbackToken: string
  encodingAESKey: string
  apiBaseUrl: string
}

export interface Config {
  port: number
  host: string
  publicBaseUrl?: string
  databaseUrl?: string
  dataDir: string
  role: 'all' | 'api' | 'worker'
  admin: { username: string; password?: string }
  demo: { enabled: boolean; customers: number; scanEverySeconds: number }
  sandboxPort: number
  /** Signs customers' personal links; unset → generated once into the data dir (cli.ts). */
  linkSecret?: string
  logLevel: z.infer<typeof Env>['LOG_LEVEL']
  /** Real WeCom when every WECOM_* setting is present; otherwise the built-in sandbox. */
  wecom: WeComSettings | undefined
}

const REAL_WECOM_KEYS = ['WECOM_CORP_ID', 'WECOM_SECRET', 'WECOM_AGENT_ID', 'WECOM_CALLBACK_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = Env.parse(env)
  const present = REAL_WECOM_KEYS.filter((k) => e[k] !== undefined)
  if (present.length > 0 && present.length < REAL_WECOM_KEYS.length) {
    const missing = REAL_WECOM_KEYS.filter((k) => e[k] === undefined)
    throw new Error(`Real WeCom needs all of ${REAL_WECOM_KEYS.join(', ')}; missing: ${missing.join(', ')}`)
  }
  const wecom = present.length === REAL_WECOM_KEYS.length ? {
    corpId: e.WECOM_CORP_ID!, corpName: e.WECOM_CORP_NAME ?? e.WECOM_CORP_ID!, secret: e.WECOM_SECRET!,
    agentId: e.WECOM_AGENT_ID!, callbackToken: e.WECOM_CALLBACK_TOKEN!, encodingAESKey: e.WECOM_ENCODING_AES_KEY!,
    apiBaseUrl: e.WECOM_API_BASE_URL,
  } : undefined
  return {
    port: e.PORT, host: e.HOST, publicBaseUrl: e.PUBLIC_BASE_URL, databaseUrl: e.DATABASE_URL,
    dataDir: e.POND_DATA_DIR, role: e.POND_ROLE,
    admin: { username: e.POND_ADMIN_USERNAME, password: e.POND_ADMIN_PASSWORD },
    // The demo bank runs by default in sandbox mode, never against a real corp.
    demo: { enabled: wecom ? false : e.POND_DEMO !== '0', customers: e.POND_DEMO_CUSTOMERS, scanEverySeconds: e.POND_DEMO_SCAN_SECONDS },
    sandboxPort: e.POND_SANDBOX_PORT, linkSecret: e.POND_LINK_SECRET, logLevel: e.LOG_LEVEL, wecom,
  }
}
