//! How a register file is opened by someone who may only read it: a leader with group read
//! access, a backup on read-only media, a full disk (issue 13, issue 16 #14); the modes its
//! files are kept at (issue 16 #15); and why a write was refused as read-only.
//!
//! SQLite reads a WAL database through two files beside it, `-wal` and `-shm`, and a reader
//! makes them when they are missing and the folder lets it — owned by the reader, so that the
//! clerk's next write cannot use them (SQLite's "Read-Only Databases", wal.html). A reader
//! that cannot write the register therefore never lets SQLite make them:
//!
//! - when both exist (someone is using the register, or left writes not yet in the file), it
//!   opens with `mode=ro` and uses them as they are;
//! - when there is no `-wal` or it is empty, everything recorded is in the file itself, which
//!   is opened with `immutable=1`: nothing is made, nothing is locked. A write that starts
//!   while such a reader reads goes to a new `-wal` first and is not seen by it (the report
//!   shows the register as it was when it started);
//! - otherwise (writes not yet in the file, and no way to use the `-shm`) it is refused with a
//!   message that says so.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{StoreError, sidecar};

/// The permission bits a register's files may have: read and write for the owner, read for
/// the group (a leader who looks at the register, issue 13). New files are made 0600.
pub const ALLOWED_MODE: u32 = 0o740;

/// Whether this process may open `path` for writing (opening it changes nothing).
pub(super) fn can_write(path: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// `path` as an SQLite URI with `params` (`mode=ro&immutable=1`): every byte that is not
/// plainly safe in a URI path is percent-encoded (`?`, `#`, `%`, spaces, Chinese names).
pub(super) fn uri(path: &Path, params: &str) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut s = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s.push('?');
    s.push_str(params);
    s
}

/// Opens the register at `path` for reading only, without making a `-wal` or `-shm` beside it
/// (see the module documentation). The connection is checked with one read.
///
/// # Errors
/// [`StoreError::Io`] when the `-wal` holds writes not yet in the file and the `-shm` cannot
/// be used; SQLite errors.
pub(super) fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let wal = sidecar(path, "-wal");
    let shm = sidecar(path, "-shm");
    let pending = wal.metadata().map(|m| m.len() > 0).unwrap_or(false);
    let probe = |c: &Connection| c.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()));
    if wal.exists() && shm.exists() {
        let c = Connection::open_with_flags(uri(path, "mode=ro"), flags)?;
        match probe(&c) {
            Ok(()) => return Ok(c),
            Err(e) if pending => {
                return Err(StoreError::Io(std::io::Error::other(format!(
                    "登记簿 {} 的 {} 中有尚未并入数据库文件的记录，当前用户又无法使用 {}（{e}），无法只读打开。{}",
                    path.display(),
                    wal.display(),
                    shm.display(),
                    read_only_cause(path)
                ))));
            }
            Err(_) => {}
        }
    } else if pending {
        return Err(StoreError::Io(std::io::Error::other(format!(
            "登记簿 {} 的 {} 中有尚未并入数据库文件的记录，而当前用户无法在旁边建立 {}，无法只读打开。{}",
            path.display(),
            wal.display(),
            shm.display(),
            read_only_cause(path)
        ))));
    }
    Ok(Connection::open_with_flags(
        uri(path, "mode=ro&immutable=1"),
        flags,
    )?)
}

/// Whether `e`, met when opening an existing register for writing, may mean only that SQLite
/// could not make its `-wal` or `-shm` (a folder that cannot be written, a full disk): a
/// reader can then still open it (issue 16 #14).
pub(super) fn reader_may_help(e: &StoreError) -> bool {
    match e {
        StoreError::ReadOnly(_)
        | StoreError::Full
        | StoreError::WriteFailed(_)
        | StoreError::Io(_) => true,
        StoreError::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::SystemIoFailure)
        ),
        _ => false,
    }
}

/// Warns (on stderr, one line: the mode is then fixed) when the register or its `-wal`/`-shm` may be
/// read by others than its owner and group, or written by others than its owner, and takes
/// those permissions away (to at most 0640). The files hold ID numbers, phones and addresses
/// (《个人信息保护法》第五十一条: measures against unauthorised access). A file this process
/// does not own is left as it is, silently: its owner decides.
pub(super) fn tighten_mode(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut first: Option<(u32, u32)> = None;
    let mut names = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let p = sidecar(path, suffix);
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        let mode = meta.permissions().mode() & 0o777;
        if !meta.is_file() || mode & !ALLOWED_MODE == 0 {
            continue;
        }
        let tight = mode & ALLOWED_MODE;
        if std::fs::set_permissions(&p, std::fs::Permissions::from_mode(tight)).is_ok() {
            first.get_or_insert((mode, tight));
            names.push(if suffix.is_empty() {
                "登记簿"
            } else {
                suffix
            });
        }
    }
    if let Some((mode, tight)) = first {
        eprintln!(
            "警告：{}（{}）的权限为 {mode:04o}，其他用户也能读取（或改写）其中的个人信息；已改为 {tight:04o}（所有者读写、同组只读）。不需要同组的人查看时，可再运行：chmod 600 {}",
            crate::output::terminal_safe(&path.display().to_string()),
            names.join("、"),
            shell_quoted(path)
        );
    }
}

/// `p` quoted for a shell command line (`'登记簿 test.db'`), control characters escaped.
fn shell_quoted(p: &Path) -> String {
    let s = p.display().to_string().replace('\'', "'\\''");
    crate::output::terminal_safe(&format!("'{s}'")).into_owned()
}

/// Why the register at `path` cannot be written, as far as the file system tells: the file
/// itself, a `-wal`/`-shm` beside it that this user cannot write (left by another user who
/// read it), the folder, or a full disk. For the hint of a refused write (issue 13).
pub fn read_only_cause(path: &Path) -> String {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let describe = |m: &std::fs::Metadata| {
        format!(
            "权限 {:04o}，所有者 uid {}",
            m.permissions().mode() & 0o777,
            m.uid()
        )
    };
    if path.as_os_str().is_empty() {
        return "检查数据库文件及其所在目录的写权限，或改用 --db 指定可写的文件".to_string();
    }
    if let Ok(m) = path.metadata()
        && !can_write(path)
    {
        return format!(
            "数据库文件 {} 本身不可写（{}）：请用有写权限的账户登记，或由文件所有者授权",
            path.display(),
            describe(&m)
        );
    }
    for suffix in ["-wal", "-shm"] {
        let p = sidecar(path, suffix);
        if let Ok(m) = p.metadata()
            && !can_write(&p)
        {
            return format!(
                "{} 不可写（{}），多半是另一个账户只读查看时留下的：在没有人使用 disclose 时，由其所有者或管理员删除它（数据库文件不必动）后重试",
                p.display(),
                describe(&m)
            );
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let probe = dir.join(format!(".disclose-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            "检查数据库文件及其所在目录的写权限和磁盘空间，或改用 --db 指定可写的文件".to_string()
        }
        Err(e) if e.kind() == std::io::ErrorKind::StorageFull => format!(
            "{} 所在的磁盘已满，SQLite 无法建立写入所需的 -wal/-shm 文件：清理磁盘空间后重试",
            dir.display()
        ),
        Err(_) => format!(
            "所在目录 {} 不可写，SQLite 无法在其中建立写入所需的 -wal/-shm 文件：请给该目录写权限，或把登记簿移到可写的目录",
            dir.display()
        ),
    }
}
