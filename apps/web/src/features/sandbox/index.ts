export { SandboxPage } from './sandbox-page'
export { SimulateScanButton } from './simulate-scan'
