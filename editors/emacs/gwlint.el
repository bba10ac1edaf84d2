;;; gwlint.el --- gwlint 公文检查：用 eglot 连接 gwlint  -*- lexical-binding: t; -*-

;; 用法：把本文件放进 load-path，在 init.el 中写
;;
;;   (require 'gwlint)
;;
;; 之后打开 .txt 或 .md 报告，eglot 会启动 `gwlint lsp` 检查它：问题以下划线标出，
;; M-x flymake-show-buffer-diagnostics 列出全部问题，M-x eglot-code-actions 应用修正。
;; 需要 Emacs 28+ 与 eglot 1.9 或更新版本（Debian：apt install elpa-eglot）。

;;; Code:

(require 'eglot)

(defgroup gwlint nil
  "gwlint 公文合规检查。"
  :group 'tools
  :prefix "gwlint-")

(defcustom gwlint-program "gwlint"
  "gwlint 程序：PATH 中的名字，或完整路径。"
  :type 'string)

(defcustom gwlint-modes '(text-mode markdown-mode gfm-mode)
  "打开文件时自动检查的主模式。
只认列出的模式本身：org-mode 等由 text-mode 派生的模式不会自动检查。"
  :type '(repeat symbol))

(defun gwlint--contact (&optional _interactive)
  "启动 gwlint 的命令；每次启动时读取 `gwlint-program'，改设置后重启即生效。"
  (list gwlint-program "lsp"))

;; Markdown comes first: markdown-mode derives from text-mode, and eglot takes
;; the first entry whose mode matches. Two entries (not one list of modes) so
;; that each kind of file is sent with its own language id.
(add-to-list 'eglot-server-programs '((text-mode :language-id "plaintext") . gwlint--contact))
(add-to-list 'eglot-server-programs '((markdown-mode :language-id "markdown") . gwlint--contact))

(defun gwlint-maybe-start ()
  "在 `gwlint-modes' 中的缓冲区里启动检查。"
  (when (and buffer-file-name (memq major-mode gwlint-modes))
    (eglot-ensure)))

(add-hook 'text-mode-hook #'gwlint-maybe-start)
(add-hook 'markdown-mode-hook #'gwlint-maybe-start)

(provide 'gwlint)
;;; gwlint.el ends here
