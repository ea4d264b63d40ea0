/**
 * Address churn (DHCP, dial-up): each dynamic host moves, at its own rate, to a free address of its
 * /16, so moves come at rate (moving hosts) x (rate per host), each from a uniformly chosen one. The
 * engine keeps the moving set: every dynamic host when a worm walks a static-seed list, otherwise
 * the infected dynamic hosts (the others' moves could not be seen).
 * @see ../host-traits.ts (the model) and ../../../docs/calibration.md (its parameters)
 */
import type { Samplers } from "../../core/samplers.ts";
import type { Process } from "../../plugin/process.ts";
import type { AddressSpace } from "../../scan/address-space.ts";
import { newAddressIn16, type AddressChurn } from "../host-traits.ts";

/** What the churn process needs of the engine. */
export interface ChurnHost {
  readonly dynamic: Uint32Array;
  readonly moving: { readonly size: number; at(k: number): number };
  readonly space: AddressSpace;
  readonly hosts: { addressOf(h: number): number };
  isHeld(address: number): boolean;
  moveHost(h: number, address: number): void;
}

/** The churn process of a run (none when no host is dynamic). */
export function addressChurn(engine: ChurnHost, churn: AddressChurn | undefined): Process[] {
  const dynamic = engine.dynamic;
  if (!churn || dynamic.length === 0) return [];
  const perHost = churn.perHostPerHour / 3600;
  const moving = engine.moving;
  const isHeld = (a: number) => engine.isHeld(a);
  // One closure per stream, not one per move.
  let stream: Samplers | null = null;
  let uniform = (): number => 0;
  return [
    {
      name: "address-churn",
      rate: () => moving.size * perHost,
      fire(s) {
        if (s !== stream) {
          stream = s;
          uniform = () => s.uniform();
        }
        const n = moving.size;
        const h = moving.at(Math.min(n - 1, Math.floor(s.uniform() * n)));
        const to = newAddressIn16(engine.hosts.addressOf(h), engine.space, isHeld, uniform);
        if (to >= 0) engine.moveHost(h, to);
      },
    },
  ];
}
