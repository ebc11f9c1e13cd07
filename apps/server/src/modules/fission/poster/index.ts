export { checkPosterLayout, QR_MIN_SIZE, type PosterBox, type PosterLayout, type PosterLayoutProblem, type PosterTextSlot } from './layout'
export { renderPoster, type PosterInput } from './render'
