"""Sales exports written in each program's own column layout, for the import tests.

The header rows are those the programs write (Shopify's orders_export.csv, Square's
transactions CSV, Stripe's unified payments export, PayPal's activity download); a row gives
only the cells a test cares about, the others stay empty as in a real export.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path


def _columns(header_row: str) -> list[str]:
    """The header row as the program writes it, split into its columns."""
    return header_row.split(",")


SHOPIFY = _columns(
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,"
    "Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,"
    "Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,"
    "Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
    "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,"
    "Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,"
    "Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,"
    "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Id,Tags,Risk Level,"
    "Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,"
    "Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,"
    "Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,"
    "Next Payment Due At,Payment References")

SQUARE = _columns(
    "Date,Time,Time Zone,Gross Sales,Discounts,Service Charges,Net Sales,Gift Card Sales,Tax,"
    "Tip,Partial Refunds,Total Collected,Source,Card,Card Entry Methods,Cash,Square Gift Card,"
    "Other Tender,Other Tender Type,Other Tender Note,Fees,Net Total,Transaction ID,"
    "Payment ID,Card Brand,PAN Suffix,Device Name,Staff Name,Staff ID,Details,Description,"
    "Event Type,Location,Dining Option,Customer ID,Customer Name,Customer Reference ID,"
    "Device Nickname,Third Party Fees,Deposit ID,Deposit Date,Deposit Details,"
    "Fee Percentage Rate,Fee Fixed Rate,Refund Reason,Discount Name,Transaction Status,"
    "Cash App,Order Reference ID,Fulfillment Note,Free Processing Applied,Channel,"
    "Unattributed Tips")

STRIPE = _columns(
    "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,"
    "Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,"
    "Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,"
    "Customer ID,Customer Description,Customer Email,Invoice ID,Transfer")

PAYPAL = [
    "Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net",
    "From Email Address", "To Email Address", "Transaction ID", "Shipping Address",
    "Address Status", "Item Title", "Item ID", "Shipping and Handling Amount",
    "Insurance Amount", "Sales Tax", "Option 1 Name", "Option 1 Value", "Option 2 Name",
    "Option 2 Value", "Reference Txn ID", "Invoice Number", "Custom Number", "Quantity",
    "Receipt ID", "Balance", "Address Line 1", "Address Line 2/District/Neighborhood",
    "Town/City", "State/Province/Region/County/Territory/Prefecture/Republic",
    "Zip/Postal Code", "Country", "Contact Phone Number", "Subject", "Note", "Country Code",
    "Balance Impact"]


def table(headers: list[str], rows: list[dict[str, str]], delimiter: str = ",",
          quote_all: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    for row in rows:
        unknown = set(row) - set(headers)
        assert not unknown, unknown
        writer.writerow([row.get(h, "") for h in headers])
    return out.getvalue()


def write(path: Path, headers: list[str], rows: list[dict[str, str]], *, bom: bool = False,
          encoding: str = "utf-8", **kw) -> Path:
    text = table(headers, rows, **kw)
    path.write_bytes(("\ufeff" if bom else "").encode(encoding) + text.encode(encoding))
    return path


def shopify_orders() -> list[dict[str, str]]:
    """#1001 two lines, paid; #1002 refunded in full; #1003 partly refunded; #1004 cancelled."""
    head = {"Financial Status": "paid", "Fulfillment Status": "fulfilled",
            "Accepts Marketing": "no", "Currency": "USD", "Shipping": "0.00",
            "Taxes": "0.00", "Lineitem requires shipping": "true", "Lineitem taxable": "true",
            "Lineitem fulfillment status": "fulfilled", "Payment Method": "Shopify Payments",
            "Refunded Amount": "0.00", "Vendor": "Petal & Stem", "Risk Level": "Low",
            "Source": "web"}
    return [
        {**head, "Name": "#1001", "Email": "margaret.shaw@example.com",
         "Paid at": "2026-11-03 10:14:22 -0500", "Subtotal": "84.00", "Total": "84.00",
         "Created at": "2026-11-03 10:14:20 -0500", "Lineitem quantity": "2",
         "Lineitem name": "Autumn bouquet", "Lineitem price": "32.00",
         "Billing Name": "Margaret Shaw", "Billing Address1": "12 Elm Street",
         "Billing City": "Portland", "Billing Zip": "97201", "Billing Province": "OR",
         "Billing Country": "US", "Billing Phone": "(503) 555-0101", "Id": "5523876543001"},
        {"Name": "#1001", "Email": "margaret.shaw@example.com", "Lineitem quantity": "1",
         "Lineitem name": "Glass vase", "Lineitem price": "20.00",
         "Lineitem requires shipping": "true", "Lineitem taxable": "true",
         "Lineitem fulfillment status": "fulfilled", "Vendor": "Petal & Stem"},
        {**head, "Name": "#1002", "Email": "tom.reyes@example.com",
         "Financial Status": "refunded", "Paid at": "2026-11-04 09:00:00 -0500",
         "Subtotal": "45.00", "Total": "45.00", "Refunded Amount": "45.00",
         "Created at": "2026-11-04 09:00:00 -0500", "Lineitem quantity": "1",
         "Lineitem name": "Peony bunch", "Billing Name": "Tom Reyes", "Id": "5523876543002"},
        {**head, "Name": "#1003", "Email": "lena.fischer@example.de",
         "Financial Status": "partially_refunded", "Currency": "EUR",
         "Paid at": "2026-11-05 16:40:00 +0100", "Subtotal": "80.00", "Total": "80.00",
         "Refunded Amount": "30.00", "Created at": "2026-11-05 16:39:58 +0100",
         "Lineitem quantity": "1", "Lineitem name": "Wedding table arrangement",
         "Billing Name": "Lena Fischer", "Billing Phone": "+49 30 901820",
         "Billing City": "Berlin", "Billing Country": "DE", "Id": "5523876543003"},
        {**head, "Name": "#1004", "Email": "sam.okafor@example.com",
         "Financial Status": "voided", "Paid at": "", "Subtotal": "60.00", "Total": "60.00",
         "Created at": "2026-11-06 11:00:00 -0500", "Cancelled at": "2026-11-06 12:00:00 -0500",
         "Lineitem quantity": "1", "Lineitem name": "Orchid", "Billing Name": "Sam Okafor",
         "Id": "5523876543004"},
    ]
