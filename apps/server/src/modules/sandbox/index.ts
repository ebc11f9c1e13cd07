export { sandboxRoutes } from './routes'
export { loadSandboxKeys, startSandbox, type SandboxKeys } from './bootstrap'
export { seedDemo, startDemoTraffic } from './demo'
