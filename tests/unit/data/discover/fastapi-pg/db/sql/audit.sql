-- Audit trail for payments; the ledger service LISTENs on payment_audit.

CREATE FUNCTION audit_payment() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    INSERT INTO payment_audit (payment_id, changed_at) VALUES (NEW.id, now());
    NOTIFY payment_audit;
    RETURN NEW;
END;
$body$;

CREATE TRIGGER payments_audit
    BEFORE DELETE OR UPDATE ON "payments"
    FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*)
    EXECUTE PROCEDURE audit_payment();

CREATE TRIGGER payments_touch
    BEFORE UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
