/** The time codes are checked against; tests replace `now` to check drift, expiry and replay. */
export const clock = { now: (): Date => new Date() };
