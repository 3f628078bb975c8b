//! Checking an export folder (`disclose verify --export`): its files against the manifest and
//! `SHA256SUMS`, and, for a revealed export, each event's hash recomputed from the export alone.

use super::*;

/// What [`check_export`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportCheck {
    /// The case number of the export.
    pub case_no: String,
    /// Files whose hash matched.
    pub files_ok: Vec<String>,
    /// Events whose hash was recomputed from the export itself (revealed exports only).
    pub events_recomputed: usize,
    /// Problems, one Chinese sentence each.
    pub problems: Vec<String>,
}

/// Checks an export folder: every file against `manifest.json` (and `manifest.json` against
/// `SHA256SUMS`), the events of `case.json` against the manifest, each letter of `letters/`
/// against the SHA-256 recorded when it was issued (an event of `case.json`) and no file in
/// `letters/` left out of the manifest, and, for a revealed export, each event's hash
/// recomputed from its stored fields.
///
/// # Errors
/// The folder has no readable `manifest.json` (not an export).
pub fn check_export(dir: &Path) -> anyhow::Result<(Manifest, ExportCheck)> {
    let manifest_bytes = std::fs::read(dir.join(super::MANIFEST))?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)?;
    let mut check = ExportCheck {
        case_no: manifest.case_no.clone(),
        ..Default::default()
    };
    match std::fs::read_to_string(dir.join(super::SUMS)) {
        Ok(sums) => {
            for line in sums.lines().filter(|l| !l.trim().is_empty()) {
                let Some((hash, name)) = line.split_once("  ") else {
                    check
                        .problems
                        .push(format!("SHA256SUMS 中这一行无法识别：{line}"));
                    continue;
                };
                match std::fs::read(dir.join(name)) {
                    Ok(b) if sha256_hex(&b) == hash => {}
                    Ok(_) => check.problems.push(format!(
                        "{name} 与 SHA256SUMS 中的 SHA-256 不符：导出后被改动过"
                    )),
                    Err(e) => check.problems.push(format!("{name} 无法读取：{e}")),
                }
            }
        }
        Err(e) => check.problems.push(format!("SHA256SUMS 无法读取：{e}")),
    }
    for f in &manifest.files {
        match std::fs::read(dir.join(&f.name)) {
            Ok(b) if sha256_hex(&b) == f.sha256 && b.len() as u64 == f.bytes => {
                check.files_ok.push(f.name.clone())
            }
            Ok(_) => check.problems.push(format!(
                "{} 与清单中的 SHA-256 不符：导出后被改动过",
                f.name
            )),
            Err(e) => check.problems.push(format!("{} 无法读取：{e}", f.name)),
        }
    }
    let case_json: serde_json::Value = match std::fs::read(dir.join(super::CASE_JSON))
        .map_err(anyhow::Error::from)
        .and_then(|b| Ok(serde_json::from_slice(&b)?))
    {
        Ok(v) => v,
        Err(e) => {
            check.problems.push(format!("case.json 无法读取：{e}"));
            return Ok((manifest, check));
        }
    };
    if case_json.get("case_no").and_then(|v| v.as_str()) != Some(manifest.case_no.as_str()) {
        check
            .problems
            .push("case.json 的案件编号与清单不符".to_string());
    }
    let events: Vec<ExportedEvent> = case_json
        .get("events")
        .cloned()
        .map(serde_json::from_value)
        .transpose()?
        .unwrap_or_default();
    if events.len() != manifest.events.len() {
        check.problems.push(format!(
            "case.json 有 {} 条事件，清单列了 {} 条",
            events.len(),
            manifest.events.len()
        ));
    }
    check_letters(dir, &manifest, &events, &mut check);
    for (e, m) in events.iter().zip(&manifest.events) {
        if e.index != m.index || e.seq != m.seq || e.hash != m.hash {
            check.problems.push(format!(
                "case.json 第 {} 项事件（seq {}）与清单所列（第 {} 项，seq {}）的哈希不符",
                e.index, e.seq, m.index, m.seq
            ));
        }
        if let Some(p) = &e.stored_payload {
            let h = event_hash(
                &e.prev_hash,
                &manifest.case_no,
                e.index,
                &e.kind,
                &e.on.to_string(),
                &e.by,
                &e.recorded_at,
                p,
            );
            if h == e.hash {
                check.events_recomputed += 1;
            } else {
                check.problems.push(format!(
                    "case.json 第 {} 项事件（seq {}）的内容与其哈希不符",
                    e.index, e.seq
                ));
            }
        }
    }
    Ok((manifest, check))
}

/// The letters of an export (SPEC §9): each one listed under `letters/` has the SHA-256 that an
/// event of `case.json` recorded when it was issued, and every file in the folder is listed.
fn check_letters(
    dir: &Path,
    manifest: &Manifest,
    events: &[ExportedEvent],
    check: &mut ExportCheck,
) {
    let prefix = format!("{LETTERS_DIR}/");
    let recorded: Vec<&str> = events
        .iter()
        .filter_map(|e| e.content.get("sha256").and_then(|v| v.as_str()))
        .collect();
    for f in manifest
        .files
        .iter()
        .filter(|f| f.name.starts_with(&prefix))
    {
        if !recorded.contains(&f.sha256.as_str()) {
            check.problems.push(format!(
                "{} 的 SHA-256 不是本案出具文书时记录的任何一个：不是出具的原件",
                f.name
            ));
        }
    }
    for l in &manifest.letters_left_out {
        if !recorded.contains(&l.sha256.as_str()) {
            check.problems.push(format!(
                "清单列出的未复制文书 {} 的 SHA-256 不是本案出具文书时记录的任何一个",
                l.name
            ));
        }
    }
    let Ok(entries) = std::fs::read_dir(dir.join(LETTERS_DIR)) else {
        return;
    };
    let mut extra: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| format!("{prefix}{}", e.file_name().to_string_lossy()))
        .filter(|n| !manifest.files.iter().any(|f| &f.name == n))
        .collect();
    extra.sort();
    for n in extra {
        check.problems.push(format!("{n} 不在清单中：导出后被放入"));
    }
}
