from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0003_stock")]

    operations = [
        migrations.RunSQL(
            "CREATE FUNCTION stock_changed() RETURNS trigger AS $$ "
            "BEGIN PERFORM pg_notify('stock', NEW.sku); RETURN NEW; END; "
            "$$ LANGUAGE plpgsql;",
            reverse_sql="DROP FUNCTION stock_changed();",
        ),
        migrations.RunSQL(
            'CREATE TRIGGER stock_notify AFTER UPDATE ON shop_stock\n'
            'FOR EACH ROW EXECUTE FUNCTION stock_changed();',
            reverse_sql="DROP TRIGGER stock_notify ON shop_stock;",
        ),
    ]
