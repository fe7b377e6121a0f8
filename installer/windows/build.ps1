# Backlog Desk (积案清结台账): Windows bundle (PyInstaller 6.22.3, same spec as Linux) and the
# NSIS setup .exe. Run on a 64-bit Windows 10/11 build PC with package access, from a checkout:
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# Needs: Python 3.11 x64 from python.org (the "py" launcher: py -3.11), NSIS 3.x
# (https://nsis.sourceforge.io; default C:\Program Files (x86)\NSIS\makensis.exe, or -MakeNsis).
# Output (under -Out, default %TEMP%\backlog-desk-build):
#   dist\backlog-desk\                    the one-folder bundle (backlog-desk.exe, backlog-desk-cli.exe, _internal\)
#   backlog-desk-<version>-setup.exe      the installer to copy to the court PCs
# The repository is only read: the source is copied to -Out first.
param(
    [string]$Out = (Join-Path $env:TEMP "backlog-desk-build"),
    [string]$MakeNsis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe",
    [switch]$WithPostgres
)
$ErrorActionPreference = "Stop"
$Repo = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$started = Get-Date
function Step($text) { Write-Host ("=== {0} ({1:n0} s)" -f $text, ((Get-Date) - $started).TotalSeconds) }
function Check($what) { if ($LASTEXITCODE -ne 0) { throw "$what failed (exit $LASTEXITCODE)" } }

$Version = (Select-String -Path "$Repo\backlog_desk\__init__.py" -Pattern '__version__ = "(.+)"').Matches[0].Groups[1].Value

Step "copy the source to $Out\src"
foreach ($d in "src", "work", "dist") { if (Test-Path "$Out\$d") { Remove-Item -Recurse -Force "$Out\$d" } }
New-Item -ItemType Directory -Force "$Out\src" | Out-Null
foreach ($item in "pyproject.toml", "README.md", "backlog_desk", "i18n", "resources", "installer") {
    Copy-Item -Recurse "$Repo\$item" "$Out\src\"
}

Step "build venv $Out\venv"
if (-not (Test-Path "$Out\venv\Scripts\python.exe")) {
    py -3.11 -m venv "$Out\venv"; Check "venv"
    & "$Out\venv\Scripts\python.exe" -m pip install -q --upgrade pip; Check "pip upgrade"
}
$Py = "$Out\venv\Scripts\python.exe"
$Target = if ($WithPostgres) { "$Out\src[postgres]" } else { "$Out\src" }
& $Py -m pip install -q $Target "pyinstaller==6.22.3"; Check "pip install"

Step "icon"
& $Py "$Out\src\installer\windows\make_icon.py" "$Out\src\resources\icons\backlog-desk.svg" "$Out\backlog-desk.ico"; Check "icon"

Step "PyInstaller"
$env:BACKLOG_DESK_SRC = "$Out\src"
$env:BACKLOG_DESK_ICO = "$Out\backlog-desk.ico"
Push-Location $Out
& "$Out\venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
    --distpath "$Out\dist" --workpath "$Out\work" "$Out\src\installer\backlog-desk.spec"
$rc = $LASTEXITCODE; Pop-Location; if ($rc -ne 0) { throw "PyInstaller failed (exit $rc)" }
$Bundle = "$Out\dist\backlog-desk"

Step "smoke test of the bundle"
$db = "$Out\smoke.db"
if (Test-Path $db) { Remove-Item -Force $db }
& "$Bundle\backlog-desk-cli.exe" demo $db --scale 200 --json | Out-Null; Check "cli demo"
& "$Bundle\backlog-desk-cli.exe" stats $db --json | Out-Null; Check "cli stats"
& "$Bundle\backlog-desk-cli.exe" report bulletin $db --out "$Out\smoke.pdf" --json | Out-Null; Check "cli report"
$env:QT_QPA_PLATFORM = "offscreen"
$gui = Start-Process -FilePath "$Bundle\backlog-desk.exe" -ArgumentList "`"$db`"" -PassThru `
    -RedirectStandardError "$Out\gui.err"
Start-Sleep -Seconds 6
if ($gui.HasExited) { Get-Content "$Out\gui.err"; throw "the window exited early (code $($gui.ExitCode))" }
Stop-Process -Id $gui.Id
Remove-Item Env:QT_QPA_PLATFORM

Step "makensis"
$Setup = "$Out\backlog-desk-$Version-setup.exe"
& $MakeNsis /V2 "/DVERSION=$Version" "/DSRCDIR=$Bundle" "/DOUTFILE=$Setup" "/DICON=$Out\backlog-desk.ico" `
    "$Out\src\installer\windows\backlog-desk.nsi"; Check "makensis"

Step "done"
$mib = [math]::Round(((Get-ChildItem -Recurse -File $Bundle | Measure-Object -Sum Length).Sum) / 1MB)
Write-Host "bundle: $Bundle  $mib MiB"
Write-Host ("setup:  $Setup  {0:n1} MiB" -f ((Get-Item $Setup).Length / 1MB))
