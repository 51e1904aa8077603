/** Shapes of the bond and VRF devices (types-bond-vrf.ts) for the document schema. */
import { z } from 'zod/mini';
import { BOND_MODES, BOND_XMIT_HASH_POLICIES } from './types-bond-vrf';

type Common = Parameters<typeof z.looseObject>[0];

export function bondShape(common: Common) {
  return z.looseObject({
    ...common, kind: z.literal('bond'),
    mode: z.optional(z.enum(BOND_MODES as [string, ...string[]])),
    miimon: z.optional(z.number().check(z.int(), z.minimum(0))),
    primary: z.optional(z.string()),
    xmitHashPolicy: z.optional(z.enum(BOND_XMIT_HASH_POLICIES as [string, ...string[]])),
  });
}

export function vrfShape(common: Common) {
  return z.looseObject({ ...common, kind: z.literal('vrf'), table: z.number().check(z.int()) });
}
