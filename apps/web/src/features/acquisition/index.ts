export { LiveCodesPage } from './live-codes-page'
export { useChannelGroups } from './use-channel-groups'
