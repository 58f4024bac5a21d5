import { defineHandlers } from '../registry';
import { listCommunities, listGrids } from './queries';

export const geoHandlers = defineHandlers({
  'geo.communities': (_input, ctx) => listCommunities(ctx.db()),
  'geo.grids': (input, ctx) => listGrids(ctx.db(), input.communityCode),
});
