//! `--resume`: the sources a previous run already wrote.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufRead, Seek};
use std::path::Path;

/// The sources already present in a JSONL output, for `--resume`, kept as
/// 64-bit hashes so memory stays small for long runs. A last line cut short
/// by a crash is removed from the file so that appending keeps it valid.
/// With `retry_failed`, the error records are taken out of the file too
/// (it is rewritten beside itself and renamed into place), so that their
/// inputs run again and each input still has exactly one record.
#[derive(Debug, Default)]
pub struct Done {
    seen: HashSet<u64>,
}

impl Done {
    /// Read `path` (a missing file is an empty one) and trim a torn last
    /// line; with `retry_failed`, drop the records that carry an error.
    pub fn load(path: &Path, retry_failed: bool) -> io::Result<Done> {
        let mut done = Done::default();
        let file = match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(done),
            Err(e) => return Err(e),
        };
        #[derive(serde::Deserialize)]
        struct Head {
            source: String,
            #[serde(default)]
            error: Option<serde::de::IgnoredAny>,
        }
        let mut reader = io::BufReader::new(&file);
        let mut line = Vec::new();
        let mut good_len = 0u64;
        // With retry_failed, the lines to keep go to a new file.
        let mut kept = match retry_failed {
            true => {
                let tmp = temp_beside(path);
                let _ = std::fs::remove_file(&tmp);
                Some((tmp, Vec::new()))
            }
            false => None,
        };
        let mut dropped = 0usize;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            let complete = line.ends_with(b"\n");
            if !complete {
                break;
            }
            good_len += n as u64;
            match serde_json::from_slice::<Head>(&line) {
                Ok(rec) if retry_failed && rec.error.is_some() => {
                    dropped += 1;
                    continue;
                }
                Ok(rec) => {
                    done.seen.insert(hash(&rec.source));
                }
                // A complete line that is not a record is kept as it is.
                Err(_) => {}
            }
            if let Some((_, buf)) = kept.as_mut() {
                buf.extend_from_slice(&line);
                if buf.len() > 1 << 20 {
                    append_to(&temp_beside(path), buf)?;
                    buf.clear();
                }
            }
        }
        drop(reader);
        if let Some((tmp, buf)) = kept {
            if dropped > 0 {
                append_to(&tmp, &buf)?;
                std::fs::rename(&tmp, path)?;
            } else {
                let _ = std::fs::remove_file(&tmp);
            }
            if dropped > 0 {
                return Ok(done);
            }
        }
        let len = file.metadata()?.len();
        if good_len < len {
            file.set_len(good_len)?;
        }
        let mut f = &file;
        f.seek(io::SeekFrom::End(0))?;
        Ok(done)
    }

    /// Whether a record for this source is already there.
    pub fn contains(&self, source: &str) -> bool {
        self.seen.contains(&hash(source))
    }
}

fn temp_beside(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.retry", std::process::id()))
}

fn append_to(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(bytes)
}

fn hash(source: &str) -> u64 {
    let mut h = DefaultHasher::new();
    source.hash(&mut h);
    h.finish()
}

/// Cut a gzip-per-record WARC file back to its last whole gzip member, so
/// that a resumed run can append to it: a run killed outright (SIGKILL, a
/// lost node) can leave a member half-written, and appending after it would
/// hide every later record from readers. Returns the bytes cut. A file that
/// is not gzip is left as it is.
pub fn trim_torn_gzip_members(path: &Path) -> io::Result<u64> {
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let mut reader = io::BufReader::new(&file);
    if !reader.fill_buf()?.starts_with(&[0x1F, 0x8B]) {
        return Ok(0);
    }
    let mut good = 0u64;
    while !reader.fill_buf()?.is_empty() {
        let mut member = flate2::bufread::GzDecoder::new(&mut reader);
        if io::copy(&mut member, &mut io::sink()).is_err() {
            break;
        }
        good = reader.stream_position()?;
    }
    drop(reader);
    if good < len {
        file.set_len(good)?;
    }
    Ok(len - good)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn member(text: &str) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(text.as_bytes()).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn a_torn_last_member_is_cut_and_whole_ones_kept() {
        let dir = std::env::temp_dir().join(format!("gleaner-trim-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.warc.gz");
        let (a, b) = (member("WARC/1.1 one"), member("WARC/1.1 two"));
        let mut bytes = [a.clone(), b.clone()].concat();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(trim_torn_gzip_members(&path).unwrap(), 0);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        let torn = member("WARC/1.1 three, cut off");
        bytes.extend_from_slice(&torn[..torn.len() / 2]);
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(
            trim_torn_gzip_members(&path).unwrap(),
            (torn.len() / 2) as u64
        );
        assert_eq!(std::fs::read(&path).unwrap(), [a, b].concat());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
