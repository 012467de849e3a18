"""File ▸ Import of a sales export: the preview of purchases, the buyer to choose, the refunds
and cancellations that are not sales, and the purchases written on the worker."""

from __future__ import annotations

from decimal import Decimal

from storage import customers
from tests.exports import sales_files as files
from tests.ui.helpers import add_customer, settle
from ui.imports.sales_dialog import SalesPreviewDialog


def sales_export(tmp_path):
    rows = files.shopify_orders()
    rows.append({**rows[2], "Name": "#1005", "Email": "", "Financial Status": "paid",
                 "Refunded Amount": "0.00", "Total": "30.00", "Billing Name": "Ann Lee",
                 "Billing Phone": "", "Paid at": "2026-11-07 10:00:00 -0500"})
    return files.write(tmp_path / "orders_export.csv", files.SHOPIFY, rows)


def test_a_sales_export_is_previewed_and_the_owner_chooses_the_buyer(window, qtbot, tmp_path,
                                                                      told):
    add_customer(emails=["margaret.shaw@example.com"], phones=[])
    first = add_customer(given_name="Ann", family_name="Lee", emails=["ann@one.example"],
                         phones=[])
    add_customer(given_name="Ann", family_name="Lee", emails=["ann@two.example"], phones=[])
    window.importer.import_file(sales_export(tmp_path))
    qtbot.waitUntil(lambda: isinstance(window.importer.dialog, SalesPreviewDialog),
                    timeout=5000)
    dialog = window.importer.dialog
    assert dialog.found.text() == ("3 purchases: 1 for existing customers · 1 for 1 new "
                                   "customer · 1 to choose · 2 not sales")
    model = dialog.model
    shown = [[model.index(r, c).data() for c in range(6)] for r in range(model.rowCount())]
    assert shown[0][1:4] == ["#1001", "2026-11-03", "$84.00"]  # the notebook's own: US
    assert shown[0][5] == "Margaret Shaw (same email)"
    assert shown[1][3] == "€50.00 (€30.00 refunded)" and shown[1][5] == "New customer"
    assert shown[2][5].startswith("Choose: 2 customers are named Ann Lee")
    reasons = [dialog.not_model.index(r, 2).data() for r in range(dialog.not_model.rowCount())]
    assert reasons == ["refunded in full", "cancelled"]
    assert dialog.plan_label.text() == ("Import will add 2 purchases and skip 1 whose buyer is "
                                        "not chosen.")
    combo = dialog.combos[0]
    combo.setCurrentIndex(combo.findData(first))
    assert model.index(2, 5).data() == "Ann Lee (ann@one.example) (chosen)"
    assert dialog.plan_label.text() == "Import will add 3 purchases."
    window.grab()  # painted once with everything in it
    with qtbot.waitSignal(window.importer.finished, timeout=5000) as finished:
        dialog.import_button.click()
    settle(window)
    assert "3 purchases added" in finished.args[0].summary()
    ann = customers.get_customer(first)
    assert [(p.amount, p.order_id) for p in ann.purchases] == [(Decimal("30.00"), "#1005")]
    assert not told


def test_a_sales_table_from_anywhere_asks_its_columns_first(window, qtbot, tmp_path):
    from ui.imports.sales_mapping_dialog import SalesMappingDialog

    export = tmp_path / "till.csv"
    export.write_text("Sale date,Who,Total,Notes\n2026-11-03,Vera Ng,45.00,roses\n", "utf-8")
    window.importer.import_file(export)
    qtbot.waitUntil(lambda: isinstance(window.importer.dialog, SalesMappingDialog),
                    timeout=5000)
    mapping = window.importer.dialog
    assert (mapping.mapping().date, mapping.mapping().amount) == ("Sale date", "Total")
    assert not mapping.next_button.isEnabled()  # nobody named: "Who" is not a known word
    assert "names the customer" in mapping.problem.text()
    mapping.set_column("name", "Who")
    mapping.set_column("description", "Notes")
    assert mapping.next_button.isEnabled()
    mapping.next_button.click()
    qtbot.waitUntil(lambda: isinstance(window.importer.dialog, SalesPreviewDialog),
                    timeout=5000)
    dialog = window.importer.dialog
    assert dialog.model.index(0, 4).data() == "Vera Ng"
    assert dialog.model.index(0, 5).data() == "New customer"
    with qtbot.waitSignal(window.importer.finished, timeout=5000):
        dialog.import_button.click()
    settle(window)
    (vera,) = [c for c in customers.list_rows() if c.name == "Vera Ng"]
    assert [p.description for p in customers.get_customer(vera.id).purchases] == ["roses"]
