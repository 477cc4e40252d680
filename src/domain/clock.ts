/** Where "now" comes from. Only the implementations in src/clock.ts call `new Date()`. */
export interface Clock {
  now(): Date;
}
