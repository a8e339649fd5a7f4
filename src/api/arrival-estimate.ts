/**
 * When did the server count a request? Somewhere between the moment it was sent and the moment
 * its answer arrived: a server's rate limit counts a request when it arrives, and most of a round
 * trip is usually the server's work after that. Counting every request at its answer is always
 * safe but holds each slot one round trip longer than the server does, so at 1 s latency and a
 * 6 s window a sixth of the budget is lost (contract §9.7: the budget is used fully whatever the
 * latency).
 *
 * The assumption made here, and nowhere else: the delay between sending a request and the
 * server counting it varies by no more than the round trips themselves vary. So once enough
 * round trips have been seen, a finished request is counted at its send time plus the spread of
 * the recent round trips (plus a floor), never later than its answer. With steady latency that
 * is close to the send time (full budget); with jittery latency it falls back towards the
 * answer time (the safe count). In-flight requests always hold their slot.
 */

/** Round trips seen before sends are trusted to place a request's arrival. */
export const MIN_TRIPS = 8;
/** Round trips the spread is taken over (the most recent ones). */
export const TRIP_HISTORY = 64;
/** Added to the spread: clock resolution, scheduling and small network jitter. */
export const ARRIVAL_FLOOR_MS = 25;

export class ArrivalEstimate {
  private readonly trips: number[] = [];
  private next = 0;

  /** The time to count a request sent at `sentAt` and answered at `answeredAt` (ms, same clock). */
  countAt(sentAt: number, answeredAt: number): number {
    const trip = Math.max(0, answeredAt - sentAt);
    if (this.trips.length < TRIP_HISTORY) this.trips.push(trip);
    else this.trips[this.next] = trip;
    this.next = (this.next + 1) % TRIP_HISTORY;
    if (this.trips.length < MIN_TRIPS) return answeredAt;
    return Math.min(answeredAt, sentAt + ARRIVAL_FLOOR_MS + this.spread());
  }

  /** Longest minus shortest recent round trip (ms). */
  spread(): number {
    let low = Number.POSITIVE_INFINITY;
    let high = 0;
    for (const t of this.trips) {
      if (t < low) low = t;
      if (t > high) high = t;
    }
    return this.trips.length === 0 ? 0 : high - low;
  }
}
