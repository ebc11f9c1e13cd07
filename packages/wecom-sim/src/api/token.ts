import { wecomError } from '../errors'
import type { CgiFamily } from './router'

/** GET /cgi-bin/gettoken (CONTRACT §1.1): one self-built app, so one corpid/secret pair is valid. */
export const tokenApi: CgiFamily = (router, deps) => {
  router.get('/gettoken', ({ query, now }) => {
    if (!query.corpid) throw wecomError(41002)
    if (!query.corpsecret) throw wecomError(41004)
    if (query.corpid.toLowerCase() !== deps.corpId.toLowerCase()) throw wecomError(40013) // plain corpid ignores case (§10)
    if (query.corpsecret !== deps.secret) throw wecomError(40001)
    const { token, expiresIn } = deps.tokens.issue(now)
    return { access_token: token, expires_in: expiresIn }
  }, { public: true })
}
