/**
 * Preloaded with `node --import` to move the process clock three years and a few hours ahead:
 * a build that reads the clock anywhere then writes different bytes.
 */
const shift = (3 * 365 * 24 + 7) * 3600 * 1000;
const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);

class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(realNow() + shift);
    else super(...(args as [string]));
  }

  static override now(): number {
    return realNow() + shift;
  }
}

globalThis.Date = ShiftedDate as DateConstructor;
