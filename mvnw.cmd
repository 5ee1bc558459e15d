@echo off
rem Maven wrapper for Windows, written for this repository: runs the Maven version named in
rem .mvn\wrapper\maven-wrapper.properties, downloading it once from Maven Central into
rem %USERPROFILE%\.m2\wrapper\dists (or %MAVEN_USER_HOME%\wrapper\dists), and only if its SHA-512 matches.
rem It needs a Java (8 or newer) to run Maven itself, PowerShell to download, and tar (Windows 10 and later).
setlocal
set "PROPS=%~dp0.mvn\wrapper\maven-wrapper.properties"
for /f "usebackq eol=# tokens=1,* delims==" %%a in ("%PROPS%") do (
  if "%%a"=="distributionUrl" set "URL=%%b"
  if "%%a"=="distributionSha512Sum" set "SHA=%%b"
)
for %%f in ("%URL%") do set "FILE=%%~nxf"
set "NAME=%FILE:-bin.tar.gz=%"
if "%MAVEN_USER_HOME%"=="" set "MAVEN_USER_HOME=%USERPROFILE%\.m2"
set "MHOME=%MAVEN_USER_HOME%\wrapper\dists\%NAME%"

if exist "%MHOME%\bin\mvn.cmd" goto run
echo mvnw: downloading %NAME% (once) from %URL% 1>&2
set "TMPD=%TEMP%\mvnw-%RANDOM%%RANDOM%"
mkdir "%TMPD%"
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$ErrorActionPreference = 'Stop';" ^
  "[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12;" ^
  "Invoke-WebRequest -UseBasicParsing -Uri $env:URL -OutFile (Join-Path $env:TMPD 'maven.tar.gz');" ^
  "$actual = (Get-FileHash -Algorithm SHA512 (Join-Path $env:TMPD 'maven.tar.gz')).Hash.ToLower();" ^
  "if ($actual -ne $env:SHA.ToLower()) { Write-Error 'the download does not have the SHA-512 in maven-wrapper.properties' }"
if errorlevel 1 (
  rmdir /s /q "%TMPD%"
  echo mvnw: cannot download %URL%, or it does not match its SHA-512; not using it 1>&2
  exit /b 1
)
tar -xzf "%TMPD%\maven.tar.gz" -C "%TMPD%"
if errorlevel 1 (
  rmdir /s /q "%TMPD%"
  echo mvnw: cannot unpack %FILE%: tar is part of Windows 10 and later 1>&2
  exit /b 1
)
if not exist "%MAVEN_USER_HOME%\wrapper\dists" mkdir "%MAVEN_USER_HOME%\wrapper\dists"
if exist "%MHOME%" rmdir /s /q "%MHOME%"
move "%TMPD%\%NAME%" "%MHOME%" >nul
rmdir /s /q "%TMPD%"

:run
"%MHOME%\bin\mvn.cmd" %*
exit /b %ERRORLEVEL%
