//! `w:tblHeader` on a table's heading rows. docx-rs 0.4 writes `cantSplit` but has no builder for
//! `tblHeader` (ECMA-376 17.4.49: the row repeats at the top of every page the table runs onto), so the
//! renderer marks the rows in the built `document.xml`: the first `n` rows of the k-th table get
//! `<w:tblHeader />` in their `<w:trPr>` (whose children may come in any order, 17.4.82).

const TABLE: &str = "<w:tbl>";
const ROW_PROPS: &str = "<w:trPr>";
const HEADER: &str = "<w:tblHeader />";

/// `document` with the first `counts[k]` rows of the k-th top-level table marked as heading rows. Rows
/// without `<w:trPr>` are left alone (every row the renderer writes has one, for `cantSplit`); a document
/// that is not UTF-8 comes back unchanged.
pub(super) fn repeat_headers(document: &[u8], counts: &[usize]) -> Vec<u8> {
    let Ok(xml) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    let mut out = String::with_capacity(xml.len() + counts.iter().sum::<usize>() * HEADER.len());
    let mut rest = xml;
    for &count in counts {
        let Some(start) = rest.find(TABLE) else { break };
        let (before, table) = rest.split_at(start);
        out.push_str(before);
        // The table ends at its own closing tag; the report's tables are not nested.
        let end = table
            .find("</w:tbl>")
            .map_or(table.len(), |e| e + "</w:tbl>".len());
        let (table, after) = table.split_at(end);
        let mut marked = 0;
        let mut t = table;
        while marked < count {
            let Some(p) = t.find(ROW_PROPS) else { break };
            let (head, tail) = t.split_at(p + ROW_PROPS.len());
            out.push_str(head);
            out.push_str(HEADER);
            t = tail;
            marked += 1;
        }
        out.push_str(t);
        rest = after;
    }
    out.push_str(rest);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::repeat_headers;

    #[test]
    fn marks_the_first_rows_of_each_table_only() {
        let row = "<w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>";
        let doc = format!("<w:p/><w:tbl>{row}{row}</w:tbl><w:p/><w:tbl>{row}{row}{row}</w:tbl>");
        let out = String::from_utf8(repeat_headers(doc.as_bytes(), &[0, 2])).expect("utf-8");
        let tables: Vec<&str> = out.split("<w:tbl>").skip(1).collect();
        assert_eq!(tables[0].matches("tblHeader").count(), 0);
        assert_eq!(tables[1].matches("tblHeader").count(), 2);
        assert!(tables[1].ends_with(&format!("{row}</w:tbl>")));
    }
}
