// Partytown's `forward` presets for common services, under their names.
import type { PartytownForwardProperty } from './config.js';

/** Meta (Facebook) Pixel's `fbq()`. */
export const facebookPixelForward: PartytownForwardProperty[] = ['fbq'];
/** Freshpaint's page-view, identify and track calls. */
export const freshpaintForward: PartytownForwardProperty[] = [
  'freshpaint.addPageviewProperties',
  'freshpaint.identify',
  'freshpaint.track',
];
/** Google Tag Manager's and GA4's `dataLayer.push()` (gtag() calls it). */
export const googleTagManagerForward: PartytownForwardProperty[] = ['dataLayer.push'];
