//! Hostile sheets, 1: the file itself — empty, header only, duplicate columns, encodings,
//! delimiters, quoted newlines, formula errors, dates, huge cells, merged cells, hidden
//! sheets. Each gets a plain message naming the row and column (or what to change), never
//! a panic; nothing is sent for a row with a problem. Validated against the demo simulator.

mod common;

use common::{check, csv, fixture, xlsx, Expect};
use rust_xlsxwriter::{Format, Formula};

#[tokio::test]
async fn hostile_files_get_plain_messages() {
    let (session, tmp, outside) = fixture().await;
    let (s, d) = (&session, tmp.path());
    let _ = &outside;

    // 1–3: empty things.
    check(
        s,
        &csv(d, "empty.csv", ""),
        false,
        Expect::Refused("is empty"),
    )
    .await;
    check(
        s,
        &xlsx(d, "empty.xlsx", |wb| {
            wb.add_worksheet();
        }),
        false,
        Expect::Refused("is empty"),
    )
    .await;
    check(
        s,
        &csv(d, "header-only.csv", "Project Number,HCA results\n"),
        false,
        Expect::Nothing,
    )
    .await;
    // 4: the same field twice.
    check(
        s,
        &csv(
            d,
            "dup.csv",
            "Project Number,HCA results,HCA results\nINTG-00003,Pass,Fail\n",
        ),
        false,
        Expect::Refused("columns B (HCA results) and C (HCA results) fill the same field"),
    )
    .await;
    // 5–6: a byte-order mark, semicolons.
    check(
        s,
        &csv(
            d,
            "bom.csv",
            "\u{feff}Project Number,HCA results\nINTG-00003,Pass\n",
        ),
        false,
        Expect::Fine("Pass"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "semi.csv",
            "Project Number;Estimated upgrade cost (USD)\nINTG-00003;1200.5\n",
        ),
        false,
        Expect::Fine("1200.5"),
    )
    .await;
    // 7: a quoted newline does not shift the row numbers.
    check(s, &csv(d, "newline.csv", "Project Number,Review notes,HCA results\nINTG-00003,\"line one\nline two\",Pass\nINTG-00004,x,Maybe\n"), false, Expect::RowProblem(3, "column C (HCA results): \"Maybe\" is not one of the choices")).await;
    // 8: a formula error, in xlsx and as CSV text.
    let formula = xlsx(d, "formula.xlsx", |wb| {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Project Number").unwrap();
        ws.write_string(0, 1, "Estimated upgrade cost (USD)")
            .unwrap();
        ws.write_string(1, 0, "INTG-00003").unwrap();
        ws.write_formula(1, 1, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
    });
    check(
        s,
        &formula,
        false,
        Expect::RowProblem(
            2,
            "column B (Estimated upgrade cost (USD)): the cell shows the formula error #DIV/0!",
        ),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "na.csv",
            "Project Number,HCA engineer\nINTG-00003,#N/A\n",
        ),
        false,
        Expect::RowProblem(2, "formula error #N/A"),
    )
    .await;
    // 9–10: serial and text dates.
    check(
        s,
        &csv(
            d,
            "serial.csv",
            "Project Number,Study date\nINTG-00003,46095\n",
        ),
        false,
        Expect::Fine("2026-03-14"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "us.csv",
            "Project Number,Study date\nINTG-00003,3/14/2026\n",
        ),
        false,
        Expect::Fine("2026-03-14"),
    )
    .await;
    check(
        s,
        &csv(
            d,
            "eu.csv",
            "Project Number,Study date\nINTG-00003,14/3/2026\n",
        ),
        false,
        Expect::RowProblem(2, "column B (Study date): \"14/3/2026\" is not a date"),
    )
    .await;
    let dates = xlsx(d, "dates.xlsx", |wb| {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Project").unwrap();
        ws.write_string(0, 1, "STUDY_DATE").unwrap();
        ws.write_string(1, 0, "INTG-00003").unwrap();
        let when = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 14).unwrap();
        ws.write_datetime_with_format(1, 1, &when, &Format::new().set_num_format("d mmm yyyy"))
            .unwrap();
    });
    check(s, &dates, false, Expect::Fine("2026-03-14")).await;
    // 11: a 1 MB cell.
    check(
        s,
        &csv(
            d,
            "huge.csv",
            format!(
                "Project Number,Review notes\nINTG-00003,{}\n",
                "x".repeat(1 << 20)
            ),
        ),
        false,
        Expect::RowProblem(2, "a cell can hold at most 32767"),
    )
    .await;
    // 12: text in none of Excel's encodings (a byte Windows-1252 leaves undefined, a NUL).
    check(
        s,
        &csv(
            d,
            "binary.csv",
            b"Project Number,Review notes\nINTG-00003,caf\x81\x00\n".as_slice(),
        ),
        false,
        Expect::Refused("is not text Clerkdesk can read"),
    )
    .await;
    // 13: merged cells.
    let merged = xlsx(d, "merged.xlsx", |wb| {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Project Number").unwrap();
        ws.write_string(0, 1, "HCA results").unwrap();
        ws.write_string(1, 0, "INTG-00003").unwrap();
        ws.write_string(2, 0, "INTG-00004").unwrap();
        ws.merge_range(1, 1, 2, 1, "Pass", &Format::new()).unwrap();
    });
    check(
        s,
        &merged,
        false,
        Expect::RowProblem(3, "cells B2:B3 are merged"),
    )
    .await;
    // 14: a hidden sheet is not the one read.
    let hidden = xlsx(d, "hidden.xlsx", |wb| {
        let v = wb.add_worksheet();
        v.write_string(0, 0, "Project Number").unwrap();
        v.write_string(0, 1, "HCA results").unwrap();
        v.write_string(1, 0, "INTG-00003").unwrap();
        v.write_string(1, 1, "Pass").unwrap();
        let h = wb.add_worksheet();
        h.set_name("Old").unwrap();
        h.write_string(0, 0, "Project Number").unwrap();
        h.write_string(0, 1, "HCA results").unwrap();
        h.write_string(1, 0, "INTG-00003").unwrap();
        h.write_string(1, 1, "Fail").unwrap();
        h.set_hidden(true);
    });
    check(s, &hidden, false, Expect::Fine("Pass")).await;
}
