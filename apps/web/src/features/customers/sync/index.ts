export { SyncPanel } from './sync-panel'
