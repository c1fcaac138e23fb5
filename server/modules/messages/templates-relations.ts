import type { TemplateRenderers } from './templates.js';

/**
 * The relations part's messages (issue 6), in Norwegian bokmål and English. Add a member to the union and a renderer
 * to both objects; templates.ts joins them with the others.
 */
export type RelationsTemplateData = never;

export const relationsTemplates: { nb: TemplateRenderers<RelationsTemplateData>; en: TemplateRenderers<RelationsTemplateData> } = { nb: {}, en: {} };
