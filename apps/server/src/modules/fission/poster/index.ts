export { checkPosterImage, MAX_IMAGE_PIXELS, PosterImageError, type PosterImageProblem } from './image'
export { checkPosterLayout, POSTER_SIDE, QR_MIN_SIZE, type PosterBox, type PosterLayout, type PosterLayoutProblem, type PosterTextSlot } from './layout'
export { renderPoster, type PosterInput } from './render'
