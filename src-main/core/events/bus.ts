import type { BackendEvents, EventName } from '../../dto/events';

export type AnyEvent = { [E in EventName]: { name: E; payload: BackendEvents[E] } }[EventName];
export type EventListener = (event: AnyEvent) => void;

/** Fan-out of backend pushes to every transport; each subscription returns its own unsubscribe. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: BackendEvents[E]): void {
    const event = { name, payload } as AnyEvent;
    for (const listener of [...this.listeners]) listener(event);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
