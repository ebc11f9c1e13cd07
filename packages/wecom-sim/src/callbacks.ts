import { buildEnvelope, buildEventXml } from './callback-xml'
import { computeSignature, decodeAesKey, encryptMessage } from './crypto'
import { randomDigits } from './ids'
import type { CallbackConfig, Clock, DeliveryRecord, ExternalContactEvent } from './types'

export interface DelivererOptions {
  corpId: string
  agentId: number
  clock: Clock
  callback?: CallbackConfig
  timeoutMs: number
  retries: number
  retryDelayMs: number
}

const LOG_SIZE = 5000

/**
 * Sends events the way WeCom does (CONTRACT §2.2–§2.5, §9.3): verify a new URL with an encrypted echostr,
 * then POST the encrypted envelope; anything but HTTP 200 within the timeout is retried with a fresh
 * timestamp, nonce and signature over the same plaintext.
 */
export class CallbackDeliverer {
  private callback: CallbackConfig | undefined
  private readonly log: DeliveryRecord[] = []
  private readonly inFlight = new Set<Promise<void>>()
  private readonly verified = new Map<string, Promise<void>>()
  private readonly closing = new AbortController()
  private counter = 0

  constructor(private readonly opts: DelivererOptions) {
    this.callback = opts.callback
  }

  setCallback(cb: CallbackConfig): void {
    decodeAesKey(cb.encodingAESKey) // fail fast on a bad key, as the admin console would
    this.callback = { ...cb }
  }

  /** Queues one event; the promise settles (never rejects) once it was delivered or finally failed. */
  deliver(event: ExternalContactEvent): Promise<DeliveryRecord> {
    const record: DeliveryRecord = { id: `d${++this.counter}`, event, attempts: 0, status: 'pending', at: this.opts.clock.now() }
    this.log.push(record)
    if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE)
    const run = this.run(record, this.callback).catch((err: unknown) => this.settle(record, 'failed', errorText(err)))
    this.inFlight.add(run)
    void run.finally(() => this.inFlight.delete(run))
    return run.then(() => record)
  }

  records(): DeliveryRecord[] {
    return this.log.map((r) => ({ ...r }))
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  /** Aborts requests and retry waits in flight, then waits for every delivery to settle as failed. */
  async close(): Promise<void> {
    this.closing.abort()
    await this.idle()
  }

  private async run(record: DeliveryRecord, cb: CallbackConfig | undefined): Promise<void> {
    if (!cb) return this.settle(record, 'failed', 'no callback URL configured (setCallback)')
    record.url = cb.url
    const key = decodeAesKey(cb.encodingAESKey)
    try {
      await this.verifyOnce(cb, key)
    } catch (err) {
      return this.settle(record, 'failed', `callback URL verification failed: ${errorText(err)}`)
    }
    const xml = buildEventXml(this.opts.corpId, record.event)
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      if (attempt > 0) await sleep(this.opts.retryDelayMs, this.closing.signal)
      if (this.closing.signal.aborted) return this.settle(record, 'failed', 'sim closed before delivery finished')
      record.attempts++
      try {
        await this.post(cb, key, xml)
        return this.settle(record, 'delivered')
      } catch (err) {
        record.lastError = errorText(err)
      }
    }
    this.settle(record, 'failed', record.lastError)
  }

  private settle(record: DeliveryRecord, status: 'delivered' | 'failed', error?: string): void {
    record.status = status
    record.settledAt = this.opts.clock.now()
    if (error !== undefined) record.lastError = error
    else if (status === 'delivered') delete record.lastError
  }

  /** One verification per (url, token, key); a failed one is forgotten so the next event tries again. */
  private verifyOnce(cb: CallbackConfig, key: Buffer): Promise<void> {
    const id = `${cb.url}\n${cb.token}\n${cb.encodingAESKey}`
    let pending = this.verified.get(id)
    if (!pending) {
      pending = this.verify(cb, key)
      this.verified.set(id, pending)
      pending.catch(() => this.verified.delete(id))
    }
    return pending
  }

  /** GET url?msg_signature&timestamp&nonce&echostr; the answer must be exactly the plaintext (CONTRACT §2.2). */
  private async verify(cb: CallbackConfig, key: Buffer): Promise<void> {
    const plain = randomDigits(19)
    const echostr = encryptMessage(key, plain, this.opts.corpId)
    const url = this.signedUrl(cb, echostr, { echostr })
    const { status, body } = await this.request(url, { method: 'GET' })
    if (status !== 200) throw new Error(`HTTP ${status}`)
    if (body !== plain) throw new Error(`expected the echostr plaintext "${plain}", got "${body.slice(0, 80)}"`)
  }

  private async post(cb: CallbackConfig, key: Buffer, xml: string): Promise<void> {
    const encrypt = encryptMessage(key, xml, this.opts.corpId)
    const url = this.signedUrl(cb, encrypt, {})
    const body = buildEnvelope(this.opts.corpId, encrypt, this.opts.agentId)
    const res = await this.request(url, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8' } })
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
  }

  private signedUrl(cb: CallbackConfig, signed: string, extra: Record<string, string>): string {
    const timestamp = String(Math.floor(this.opts.clock.now() / 1000))
    const nonce = randomDigits(10)
    const url = new URL(cb.url)
    url.searchParams.set('msg_signature', computeSignature(cb.token, timestamp, nonce, signed))
    url.searchParams.set('timestamp', timestamp)
    url.searchParams.set('nonce', nonce)
    for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v)
    return url.toString()
  }

  /** fetch with the timeout covering headers and body; WeCom cuts the connection at 5 s (CONTRACT §2.5). */
  private async request(url: string, init: RequestInit): Promise<{ status: number; body: string }> {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => { timedOut = true; controller.abort() }, this.opts.timeoutMs)
    const onClose = () => controller.abort()
    this.closing.signal.addEventListener('abort', onClose, { once: true })
    try {
      const res = await fetch(url, { ...init, signal: controller.signal })
      return { status: res.status, body: await res.text() }
    } catch (err) {
      if (timedOut) throw new Error(`no answer within ${this.opts.timeoutMs} ms`)
      if (this.closing.signal.aborted) throw new Error('sim closed')
      throw err
    } finally {
      clearTimeout(timer)
      this.closing.signal.removeEventListener('abort', onClose)
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const onAbort = () => { clearTimeout(timer); resolve() }
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve() }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
    return `${err.message}${cause}`
  }
  return String(err)
}
