-- Headless neovim as a second LSP client: opens a rule file, lets promscope-language-server
-- attach, and prints (as JSON on stdout) the diagnostics, a completion and a hover it received.
-- Run: nvim --headless -n -i NONE -u NONE -l lsp-check.lua  (nvim >= 0.9), or
--      nvim --headless -n -i NONE -u NONE -c 'luafile lsp-check.lua'  (0.7/0.8)
-- Env: PROMSCOPE_SERVER (bin), PROMSCOPE_FILE (rule file), PROMSCOPE_POS ("line,col", 0-based)
vim.o.swapfile = false

local function run()
  local server = assert(os.getenv('PROMSCOPE_SERVER'), 'PROMSCOPE_SERVER')
  local file = assert(os.getenv('PROMSCOPE_FILE'), 'PROMSCOPE_FILE')
  local line, col = string.match(assert(os.getenv('PROMSCOPE_POS'), 'PROMSCOPE_POS'), '(%d+),(%d+)')
  local config = {
    name = 'promscope',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  }
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config) -- nvim >= 0.8: starts and attaches to the current buffer
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  local got = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, source = d.source, message = d.message,
      code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL })
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = tonumber(line), character = tonumber(col) } }
  local completion = {}
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 10000) or {}
  for _, r in pairs(res) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do table.insert(completion, { label = it.label, kind = it.kind }) end
  end
  local hover = vim.NIL
  local hres = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(hres) do
    if r.result and r.result.contents then hover = r.result.contents.value or r.result.contents end
  end
  io.stdout:write(vim.fn.json_encode({ attached = got, diagnostics = diagnostics, completion = completion, hover = hover }) .. '\n')
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  vim.cmd(got and 'qall!' or 'cquit! 1')
end

local ok, err = pcall(run)
if not ok then
  io.stderr:write('ERROR: ' .. tostring(err) .. '\n')
  vim.cmd('cquit! 2')
end
