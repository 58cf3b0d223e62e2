-- migrate:up
-- Outbound webhooks for offers (issue 13): each step on an offer's timeline is an event for the
-- company's endpoints subscribed to it: offer.created (made), offer.countered, offer.accepted,
-- offer.declined, offer.withdrawn, offer.expired, offer.ordered. Fanned out by a statement-level
-- trigger on "OfferEvent", in the transaction that wrote the step (never lost, never doubled);
-- the same sequence as order events, so within one offer a later step has a larger one.
ALTER TABLE "WebhookMessage" ADD COLUMN "offerId" TEXT;
ALTER TABLE "WebhookMessage" ADD COLUMN "offerEventId" TEXT;
CREATE UNIQUE INDEX "WebhookMessage_endpointId_offerEventId_eventType_key" ON "WebhookMessage"("endpointId", "offerEventId", "eventType");

CREATE FUNCTION portal_offer_webhook_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE "disabledAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "WebhookMessage" ("id", "endpointId", "eventType", "offerId", "offerEventId", "sequence")
  SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), w."id", ev.event_type, ev."offerId", ev."id", ev.seq
    FROM (SELECT n."id", n."offerId", CASE n."type" WHEN 'made' THEN 'offer.created' ELSE 'offer.' || n."type" END AS event_type,
                 nextval('"WebhookMessage_sequence_seq"') AS seq
            FROM (SELECT * FROM new_events ORDER BY "createdAt", "id") n
           WHERE n."type" IN ('made', 'countered', 'accepted', 'declined', 'withdrawn', 'expired', 'ordered')) ev
    JOIN "Offer" o ON o."id" = ev."offerId"
    JOIN "WebhookEndpoint" w ON w."companyId" = o."companyId" AND w."disabledAt" IS NULL
   WHERE ev.event_type = ANY(w."events")
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "OfferEvent_webhook_fanout" AFTER INSERT ON "OfferEvent"
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION portal_offer_webhook_fanout();

-- migrate:down
DROP TRIGGER "OfferEvent_webhook_fanout" ON "OfferEvent";
DROP FUNCTION portal_offer_webhook_fanout();
DROP INDEX "WebhookMessage_endpointId_offerEventId_eventType_key";
ALTER TABLE "WebhookMessage" DROP COLUMN "offerEventId";
ALTER TABLE "WebhookMessage" DROP COLUMN "offerId";
