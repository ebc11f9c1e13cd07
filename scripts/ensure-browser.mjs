// Before `npm test`: the browser test drives Debian's chromium (a test tool's own browser download is
// blocked on these machines). Installs it with apt when missing and we may; otherwise says how.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const hasCjkFont = () => { try { return /noto sans cjk/i.test(execSync('fc-list', { encoding: 'utf8' })) } catch { return false } }
if (existsSync(path) && hasCjkFont()) process.exit(0)
if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('Installing Debian chromium and fonts-noto-cjk for the browser test…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execSync('apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk', { stdio: 'inherit', env })
  process.exit(0)
}
console.error(`The browser test needs chromium at ${path} (Debian: sudo apt-get install chromium fonts-noto-cjk), or CHROMIUM_PATH.`)
process.exit(1)
